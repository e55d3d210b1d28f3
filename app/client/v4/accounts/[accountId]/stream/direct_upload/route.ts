import { authenticateToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { apiRoute, assertAccount, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readJson } from '@/lib/http/read-json';
import { createDirectUpload, directUploadSchema } from '@/lib/uploads/create-direct-upload';
import { apiRequester } from '@/lib/uploads/check-mint-allowed';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string }> };

/** Cloudflare's basic direct creator upload: a one-time URL for one multipart POST of the file. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticateToken(request);
  const env = getEnv();
  assertAccount((await params).accountId, env.accountId);
  const body = await readJson(request, directUploadSchema);
  return envelopeResponse(await createDirectUpload(body, request.headers, publicOrigin(request.headers, env), apiRequester(principal, request.headers)));
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
