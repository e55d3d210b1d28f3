import { authenticate, authenticateToken, visibleOwnerId } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { mintUploadResponse } from '@/lib/uploads/mint-response';
import { listVideos, parseListQuery } from '@/lib/videos/list-videos';
import { presentVideos } from '@/lib/videos/present-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string }> };

/** Cloudflare's `POST /stream?direct_user=true`: mint a one-time tus upload URL (API token). */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticateToken(request);
  assertAccount((await params).accountId, getEnv().accountId);
  return mintUploadResponse(request, 'api', null, principal.kind === 'token' ? principal.tokenId : null);
});

/** Cloudflare's `GET /stream`: videos, newest first. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const env = getEnv();
  assertAccount((await params).accountId, env.accountId);
  const query = parseListQuery(new URL(request.url).searchParams);
  const videos = await listVideos(query, visibleOwnerId(principal));
  return envelopeResponse(await presentVideos(videos, { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId }));
});
