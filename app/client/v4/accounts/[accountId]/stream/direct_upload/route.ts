import { accountRoute } from '@/lib/auth/account-route';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readJson } from '@/lib/http/read-json';
import { createDirectUpload, directUploadSchema } from '@/lib/uploads/create-direct-upload';
import { apiRequester } from '@/lib/uploads/check-mint-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cloudflare's basic direct creator upload: a one-time URL for one multipart POST of the file. */
export const POST = accountRoute('token', async ({ request, principal, env }) => {
  const body = await readJson(request, directUploadSchema);
  return envelopeResponse(await createDirectUpload(body, request.headers, publicOrigin(request.headers, env), apiRequester(principal, request.headers)));
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
