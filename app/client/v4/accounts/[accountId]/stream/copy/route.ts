import { accountRoute } from '@/lib/auth/account-route';
import { createCopy, copySchema } from '@/lib/copy/create-copy';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readJson } from '@/lib/http/read-json';
import { presentVideos } from '@/lib/videos/present-video';
import { apiRequester } from '@/lib/uploads/check-mint-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cloudflare's upload via link: the VIDEO, `downloading` until the app has fetched the URL. */
export const POST = accountRoute('token', async ({ request, principal, env }) => {
  const video = await createCopy(await readJson(request, copySchema), request.headers, apiRequester(principal, request.headers));
  const [json] = await presentVideos([video], { baseUrl: publicOrigin(request.headers, env), accountId: env.accountId });
  return envelopeResponse(json);
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
