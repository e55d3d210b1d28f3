import { accountRoute } from '@/lib/auth/account-route';
import { visibleOwnerId } from '@/lib/auth/principal';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { isMultipartBody, mintWithToken } from '@/lib/uploads/handle-mint-request';
import { uploadFromBackend } from '@/lib/uploads/upload-from-backend';
import { countVideos, listVideos, parseListQuery } from '@/lib/videos/list-videos';
import { presentVideos } from '@/lib/videos/present-video';
import { apiRequester } from '@/lib/uploads/check-mint-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Cloudflare's `POST /stream`: with `multipart/form-data`, a basic upload of the file by the
 * backend (→ the VIDEO); otherwise the tus mint (`?direct_user=true`) of a one-time upload URL.
 */
const basicUpload = accountRoute('token', async ({ request, principal, env }) => {
  const video = await uploadFromBackend(request, apiRequester(principal, request.headers));
  const [json] = await presentVideos([video], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

// server.ts serves the tus mint itself (lib/uploads/handle-mint-request.ts); the same handler here.
export const POST: typeof basicUpload = (request, context) =>
  isMultipartBody(request.headers.get('content-type')) ? basicUpload(request, context) : mintWithToken(request, context);

/** Cloudflare's `GET /stream`: videos, newest first (`asc`: oldest first); `include_counts` adds `total` and `range`. */
export const GET = accountRoute('token-or-session', async ({ request, principal, env }) => {
  const query = parseListQuery(new URL(request.url).searchParams);
  const ownerId = visibleOwnerId(principal);
  const [videos, total] = await Promise.all([listVideos(query, ownerId), query.include_counts ? countVideos(query, ownerId) : null]);
  const result = await presentVideos(videos, { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  if (total === null) return envelopeResponse(result);
  return Response.json({ success: true, errors: [], messages: [], result, total, range: result.length });
});

export const { PUT, PATCH, DELETE } = methodNotAllowed('GET, POST');
