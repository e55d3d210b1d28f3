import { randomBytes } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { parseNotificationUrl } from './parse-notification-url';

/** The account's webhook, as Cloudflare's `PUT/GET/DELETE /stream/webhook`. */

export type WebhookJson = { notificationUrl: string; secret: string; modified: string };

function toJson(row: { notificationUrl: string; secret: string; modified: Date }): WebhookJson {
  return { notificationUrl: row.notificationUrl, secret: row.secret, modified: row.modified.toISOString() };
}

/**
 * The URL from Cloudflare's body, checked by the one rule (parseNotificationUrl). Cloudflare's
 * body names it `notificationUrl`; its SDK also sends `notification_url`.
 */
export function readNotificationUrl(body: unknown): string {
  const fields = body as { notificationUrl?: unknown; notification_url?: unknown } | null;
  const value = fields?.notificationUrl ?? fields?.notification_url;
  if (value === undefined) throw new AppError('BAD_REQUEST', 'Send JSON like {"notificationUrl": "https://example.com/webhooks/stream"}.');
  return parseNotificationUrl(value);
}

/** Sets the URL; the signing secret is made once and kept while the webhook exists. */
export async function setWebhook(accountId: string, notificationUrl: string): Promise<WebhookJson> {
  const row = await getDb().webhook.upsert({
    where: { accountId },
    create: { accountId, notificationUrl, secret: randomBytes(32).toString('hex') },
    update: { notificationUrl },
  });
  return toJson(row);
}

export async function getWebhook(accountId: string): Promise<WebhookJson | null> {
  const row = await getDb().webhook.findUnique({ where: { accountId } });
  return row ? toJson(row) : null;
}

export async function deleteWebhook(accountId: string): Promise<boolean> {
  const { count } = await getDb().webhook.deleteMany({ where: { accountId } });
  return count > 0;
}
