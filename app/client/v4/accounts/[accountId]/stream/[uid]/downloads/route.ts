import { accountRoute, type AccountCall } from '@/lib/auth/account-route';
import { deleteDownload, presentDownloads, requestDownload } from '@/lib/downloads/video-downloads';
import { AppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

async function videoOf({ request, principal, env, params }: AccountCall<{ uid: string }>) {
  return { video: await findVisibleVideo(params.uid, principal), baseUrl: publicOrigin(request.headers, env) };
}

/** Asks for the video's MP4 download (Cloudflare's `POST /stream/{uid}/downloads`). */
export const POST = accountRoute<{ uid: string }>('token-or-session', async (call) => {
  const { video, baseUrl } = await videoOf(call);
  return envelopeResponse(presentDownloads(await requestDownload(video), baseUrl));
});

export const GET = accountRoute<{ uid: string }>('token-or-session', async (call) => {
  const { video, baseUrl } = await videoOf(call);
  return envelopeResponse(presentDownloads(video, baseUrl));
});

export const DELETE = accountRoute<{ uid: string }>('token-or-session', async (call) => {
  const { video } = await videoOf(call);
  if (!(await deleteDownload(video))) throw new AppError('NOT_FOUND', 'This video has no download to delete.');
  return envelopeResponse('ok');
});

export const { PUT, PATCH } = methodNotAllowed('GET, POST, DELETE');
