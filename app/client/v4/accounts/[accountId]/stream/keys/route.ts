import { accountRoute } from '@/lib/auth/account-route';
import { isAdminOrToken, type Principal } from '@/lib/auth/principal';
import { AppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { createSigningKey, listSigningKeys } from '@/lib/playback/signing-keys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Signing keys are the account's: an API token or an admin. */
function authorizeKeys(principal: Principal): void {
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin or an API token can manage signing keys.');
}

/** A new key; its private parts (pem, jwk) are in this answer only. */
export const POST = accountRoute('token-or-session', async ({ principal }) => {
  authorizeKeys(principal);
  return envelopeResponse(await createSigningKey());
});

export const GET = accountRoute('token-or-session', async ({ principal }) => {
  authorizeKeys(principal);
  return envelopeResponse(await listSigningKeys());
});

export const { PUT, PATCH, DELETE } = methodNotAllowed('GET, POST');
