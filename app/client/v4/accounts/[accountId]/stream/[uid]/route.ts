import { accountRoute } from '@/lib/auth/account-route';
import { isAdminOrToken } from '@/lib/auth/principal';
import { AppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readJson } from '@/lib/http/read-json';
import { deleteVideo } from '@/lib/videos/delete-video';
import { editVideo, editVideoSchema } from '@/lib/videos/edit-video';
import { findVisibleVideo } from '@/lib/videos/find-video';
import { presentVideos } from '@/lib/videos/present-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = accountRoute<{ uid: string }>('token-or-session', async ({ request, principal, env, params }) => {
  const video = await findVisibleVideo(params.uid, principal);
  const [json] = await presentVideos([video], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

/** Removes the video's row and bytes (API token or admin). */
export const DELETE = accountRoute<{ uid: string }>('token-or-session', async ({ principal, params }) => {
  const video = await findVisibleVideo(params.uid, principal);
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin can delete videos.');
  await deleteVideo(video.uid);
  return envelopeResponse(null);
});

/** Cloudflare's edit: meta, creator, requireSignedURLs, allowedOrigins, thumbnailTimestampPct, scheduledDeletion, maxDurationSeconds (while pending). */
export const POST = accountRoute<{ uid: string }>('token-or-session', async ({ request, principal, env, params }) => {
  const video = await findVisibleVideo(params.uid, principal);
  const edit = await readJson(request, editVideoSchema);
  const [json] = await presentVideos([await editVideo(video, edit)], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

export const { PUT, PATCH } = methodNotAllowed('GET, POST, DELETE');
