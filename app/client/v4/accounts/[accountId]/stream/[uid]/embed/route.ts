import { authenticate } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { apiRoute, assertAccount, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { embedSnippet } from '@/lib/videos/embed-snippet';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string; uid: string }> };

/** Cloudflare's embed code: an HTML fragment (errors stay JSON in the envelope). */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const env = getEnv();
  const { accountId, uid } = await params;
  assertAccount(accountId, env.accountId);
  const video = await findVisibleVideo(uid, principal);
  return new Response(embedSnippet(publicOrigin(request.headers, env), video.uid), {
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
