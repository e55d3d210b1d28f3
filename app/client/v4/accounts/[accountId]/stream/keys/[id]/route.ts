import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { deleteSigningKey } from '@/lib/playback/signing-keys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string; id: string }> };

/** Deletes a key: every token it signed stops working. */
export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  const { accountId, id } = await params;
  assertAccount(accountId, getEnv().accountId);
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin or an API token can manage signing keys.');
  if (!(await deleteSigningKey(id))) throw new AppError('NOT_FOUND', `No signing key with the id "${id.slice(0, 64)}".`);
  return envelopeResponse('ok');
});
