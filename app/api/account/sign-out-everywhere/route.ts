import { authenticateSession } from '@/lib/auth/principal';
import { endAllSessions } from '@/lib/auth/users';
import { apiRoute, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Ends every session of the signed-in user, on every device, this one included. */
export const POST = apiRoute(async () => {
  const principal = await authenticateSession();
  if (principal.kind === 'user') await endAllSessions(principal.user.id);
  return envelopeResponse({ signedOut: true });
});

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
