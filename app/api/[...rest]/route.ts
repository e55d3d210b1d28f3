import { noSuchRoute } from '@/lib/http/envelope';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Every path under /api that no route takes (next-auth's /api/auth and the upload URLs have their own): 404 as JSON. */
export const { GET, POST, PUT, PATCH, DELETE } = noSuchRoute();
