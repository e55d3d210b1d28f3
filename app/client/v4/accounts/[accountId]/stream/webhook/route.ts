import { accountRoute } from '@/lib/auth/account-route';
import { isAdminOrToken, type Principal } from '@/lib/auth/principal';
import { AppError, isAppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { readBodyText } from '@/lib/http/read-json';
import { deleteWebhook, getWebhook, readNotificationUrl, setWebhook } from '@/lib/webhooks/webhook-config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Webhooks are the account's: an API token or an admin. */
function authorize(principal: Principal): void {
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin can manage the webhook.');
}

export const PUT = accountRoute('token-or-session', async ({ request, principal, env }) => {
  authorize(principal);
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request));
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('BAD_REQUEST', 'Send JSON like {"notificationUrl": "https://example.com/webhooks/stream"}.');
  }
  return envelopeResponse(await setWebhook(env.accountId, readNotificationUrl(body)));
});

export const GET = accountRoute('token-or-session', async ({ principal, env }) => {
  authorize(principal);
  const webhook = await getWebhook(env.accountId);
  if (!webhook) throw new AppError('NOT_FOUND', 'No webhook is set. Set one with PUT {"notificationUrl": "…"}.');
  return envelopeResponse(webhook);
});

export const DELETE = accountRoute('token-or-session', async ({ principal, env }) => {
  authorize(principal);
  if (!(await deleteWebhook(env.accountId))) throw new AppError('NOT_FOUND', 'No webhook is set.');
  // Cloudflare's result here is a string.
  return envelopeResponse('ok');
});

export const { POST, PATCH } = methodNotAllowed('GET, PUT, DELETE');
