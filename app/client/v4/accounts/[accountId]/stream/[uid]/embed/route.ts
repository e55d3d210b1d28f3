import { accountRoute } from '@/lib/auth/account-route';
import { methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { embedSnippet } from '@/lib/videos/embed-snippet';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cloudflare's embed code: an HTML fragment (errors stay JSON in the envelope). */
export const GET = accountRoute<{ uid: string }>('token-or-session', async ({ request, principal, env, params }) => {
  const video = await findVisibleVideo(params.uid, principal);
  return new Response(embedSnippet(publicOrigin(request.headers, env), video.uid), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
