import { authenticate, isAdminOrToken } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse } from '@/lib/http/envelope';
import { readJson } from '@/lib/http/read-json';
import { z } from 'zod';
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
  const body: unknown = await readJson(request, z.unknown()).catch((error: unknown) => {
    if (error instanceof AppError && error.kind === 'TOO_LARGE') throw error;
    throw new AppError('BAD_REQUEST', 'Send JSON like {"notificationUrl": "https://example.com/webhooks/stream"}.');
  });
  return envelopeResponse(await setWebhook(accountId, readNotificationUrl(body)));
});

export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const webhook = await getWebhook(await authorize(request, params));
  if (!webhook) throw new AppError('NOT_FOUND', 'No webhook is set. Set one with PUT {"notificationUrl": "…"}.');
  return envelopeResponse(webhook);
});

export const DELETE = apiRoute(async (request: Request, { params }: Context) => {
  if (!(await deleteWebhook(await authorize(request, params)))) throw new AppError('NOT_FOUND', 'No webhook is set.');
  return envelopeResponse(null);
});
