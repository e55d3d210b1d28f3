import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readJson } from '@/lib/http/read-json';
import { deleteVideo } from '@/lib/videos/delete-video';
import { editVideo, editVideoSchema } from '@/lib/videos/edit-video';
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

/** Cloudflare's edit: meta, creator, requireSignedURLs, allowedOrigins, thumbnailTimestampPct, scheduledDeletion, maxDurationSeconds (while pending). */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const env = getEnv();
  const { accountId, uid } = await params;
  assertAccount(accountId, env.accountId);
  const video = await findVisibleVideo(uid, principal);
  const edit = await readJson(request, editVideoSchema);
  const [json] = await presentVideos([await editVideo(video, edit)], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

export const { PUT, PATCH } = methodNotAllowed('GET, POST, DELETE');
