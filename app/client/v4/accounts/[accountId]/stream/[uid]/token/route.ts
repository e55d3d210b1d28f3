import { authenticate } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { readJson } from '@/lib/http/read-json';
import { createPlaybackToken, tokenRequestSchema } from '@/lib/playback/create-token';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string; uid: string }> };

/** A signed URL token for the video (Cloudflare's `POST /stream/{uid}/token`); the body is optional. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const { accountId, uid } = await params;
  assertAccount(accountId, getEnv().accountId);
  const video = await findVisibleVideo(uid, principal);
  const body = await readJson(request, tokenRequestSchema, { allowEmpty: true });
  return envelopeResponse({ token: await createPlaybackToken(video.uid, body) });
});
