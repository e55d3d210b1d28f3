import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { createSigningKey, listSigningKeys } from '@/lib/playback/signing-keys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string }> };

/** Signing keys are the account's: an API token or an admin. */
async function authorizeKeys(request: Request, params: Promise<{ accountId: string }>): Promise<void> {
  const principal = await authenticate(request);
  assertAccount((await params).accountId, getEnv().accountId);
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin or an API token can manage signing keys.');
}

/** A new key; its private parts (pem, jwk) are in this answer only. */
export const POST = apiRoute(async (request: Request, { params }: Context) => {
  await authorizeKeys(request, params);
  return envelopeResponse(await createSigningKey());
});

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  await authorizeKeys(request, params);
  return envelopeResponse(await listSigningKeys());
});
