import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { AppError } from '@/lib/errors';
import { apiRoute, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { listWebhookDeliveries } from '@/lib/webhooks/list-deliveries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The webhook log: the latest notices with every attempt (admins and API tokens). */
export const GET = apiRoute(async (request: Request) => {
  if (!isAdminOrToken(await authenticate(request))) throw new AppError('FORBIDDEN', 'Only an admin can read the webhook log.');
  return envelopeResponse(await listWebhookDeliveries());
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
