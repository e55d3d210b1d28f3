import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { deleteVideo } from '@/lib/videos/delete-video';
import { findVisibleVideo } from '@/lib/videos/find-video';
import { presentVideos } from '@/lib/videos/present-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string; uid: string }> };

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const env = getEnv();
  const { accountId, uid } = await params;
  assertAccount(accountId, env.accountId);
  const video = await findVisibleVideo(uid, principal);
  const [json] = await presentVideos([video], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

/** Removes the video's row and bytes (API token or admin). */
export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const { accountId, uid } = await params;
  assertAccount(accountId, getEnv().accountId);
  const video = await findVisibleVideo(uid, principal);
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin can delete videos.');
  await deleteVideo(video.uid);
  return envelopeResponse(null);
});
