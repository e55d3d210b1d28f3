import { authenticate } from '@/lib/auth/principal';
import { deleteDownload, presentDownloads, requestDownload } from '@/lib/downloads/video-downloads';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string; uid: string }> };

async function videoOf(request: Request, params: Context['params']) {
  const principal = await authenticate(request);
  const { accountId, uid } = await params;
  const env = getEnv();
  assertAccount(accountId, env.accountId);
  return { video: await findVisibleVideo(uid, principal), baseUrl: publicOrigin(request.headers, env) };
}

/** Asks for the video's MP4 download (Cloudflare's `POST /stream/{uid}/downloads`). */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const { video, baseUrl } = await videoOf(request, params);
  return envelopeResponse(presentDownloads(await requestDownload(video), baseUrl));
});

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const { video, baseUrl } = await videoOf(request, params);
  return envelopeResponse(presentDownloads(video, baseUrl));
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const { video } = await videoOf(request, params);
  if (!(await deleteDownload(video))) throw new AppError('NOT_FOUND', 'This video has no download to delete.');
  return envelopeResponse('ok');
});
