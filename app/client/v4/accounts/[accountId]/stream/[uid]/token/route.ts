import { accountRoute } from '@/lib/auth/account-route';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { readJson } from '@/lib/http/read-json';
import { createPlaybackToken, tokenRequestSchema } from '@/lib/playback/create-token';
import { findVisibleVideo } from '@/lib/videos/find-video';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A signed URL token for the video (Cloudflare's `POST /stream/{uid}/token`); the body is optional. */
export const POST = accountRoute<{ uid: string }>('token-or-session', async ({ request, principal, params }) => {
  const video = await findVisibleVideo(params.uid, principal);
  const body = await readJson(request, tokenRequestSchema, { allowEmpty: true });
  return envelopeResponse({ token: await createPlaybackToken(video.uid, body) });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
