import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { readBodyText } from '@/lib/http/read-json';
import { deleteWebhook, getWebhook, readNotificationUrl, setWebhook } from '@/lib/webhooks/webhook-config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string }> };

/** Webhooks are the account's: an API token or an admin. */
async function authorize(request: Request, params: Context['params']): Promise<string> {
  const principal = await authenticate(request);
  const env = getEnv();
  assertAccount((await params).accountId, env.accountId);
  if (!isAdminOrToken(principal)) throw new AppError('FORBIDDEN', 'Only an admin can manage the webhook.');
  return env.accountId;
}

export const PUT = apiRoute(async (request: Request, { params }: Context) => {
  const accountId = await authorize(request, params);
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request));
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('BAD_REQUEST', 'Send JSON like {"notificationUrl": "https://example.com/webhooks/stream"}.');
  }
  return envelopeResponse(await setWebhook(accountId, readNotificationUrl(body)));
});

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const webhook = await getWebhook(await authorize(request, params));
  if (!webhook) throw new AppError('NOT_FOUND', 'No webhook is set. Set one with PUT {"notificationUrl": "…"}.');
  return envelopeResponse(webhook);
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  if (!(await deleteWebhook(await authorize(request, params)))) throw new AppError('NOT_FOUND', 'No webhook is set.');
  // Cloudflare's result here is a string.
  return envelopeResponse('ok');
});

export const { POST, PATCH } = methodNotAllowed('GET, PUT, DELETE');
