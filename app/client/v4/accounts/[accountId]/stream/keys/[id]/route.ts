import { accountRoute } from '@/lib/auth/account-route';
import { isAdminOrToken } from '@/lib/auth/principal';
import { AppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { deleteSigningKey } from '@/lib/playback/signing-keys';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Deletes a key: every token it signed stops working. */
export const DELETE = accountRoute<{ id: string }>('token-or-session', async ({ principal, params }) => {
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin or an API token can manage signing keys.');
  if (!(await deleteSigningKey(params.id))) throw new AppError('NOT_FOUND', `No signing key with the id "${params.id.slice(0, 64)}".`);
  return envelopeResponse('ok');
});

export const { GET, POST, PUT, PATCH } = methodNotAllowed('DELETE');
