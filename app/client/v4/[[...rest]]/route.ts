import { noSuchRoute } from '@/lib/http/envelope';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Every path under /client/v4 that no route takes: 404 in Cloudflare's envelope, whatever the method. */
export const { GET, POST, PUT, PATCH, DELETE } = noSuchRoute();
