'use server';

import { revalidatePath } from 'next/cache';
import { getSessionUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { sendTestNotice } from '@/lib/videos/send-test-notice';
import { parseNotificationUrl } from '@/lib/webhooks/parse-notification-url';
import { deleteWebhook, setWebhook } from '@/lib/webhooks/webhook-config';

/** What the settings form shows after an action: a message, and the secret right after a save. */
export type WebhookActionResult = { ok: boolean; message: string; secret?: string };

/** A server action is a public endpoint: each checks again that an admin calls it. */
async function asAdmin(run: (accountId: string) => Promise<WebhookActionResult>): Promise<WebhookActionResult> {
  try {
    const user = await getSessionUser();
    if (user?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can change the webhook. Sign in as an admin and try again.');
    const result = await run(getEnv().accountId);
    revalidatePath('/admin/webhooks');
    return result;
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    log.error({ err: error }, 'Webhook settings action failed');
    return { ok: false, message: 'Something went wrong on our side. Please try again.' };
  }
}

/** Sets the notification URL, checked by the same rule as Cloudflare's PUT /stream/webhook; answers the signing secret. */
export async function saveWebhookAction(notificationUrl: unknown): Promise<WebhookActionResult> {
  return asAdmin(async (accountId) => {
    const webhook = await setWebhook(accountId, parseNotificationUrl(notificationUrl));
    return { ok: true, message: `Saved: notices now go to ${webhook.notificationUrl}.`, secret: webhook.secret };
  });
}

export async function removeWebhookAction(): Promise<WebhookActionResult> {
  return asAdmin(async (accountId) => {
    if (!(await deleteWebhook(accountId))) throw new AppError('NOT_FOUND', 'No webhook was set: there was nothing to remove.');
    return { ok: true, message: 'Removed the webhook: no notices are sent until a notification URL is saved again.' };
  });
}

export async function sendTestNoticeAction(): Promise<WebhookActionResult> {
  return asAdmin(async (accountId) => {
    const outcome = await sendTestNotice(accountId);
    const about = outcome.video ? ` about “${outcome.video.name || 'Untitled video'}”` : '';
    if (outcome.error === null) return { ok: true, message: `Test notice${about} delivered: the receiver answered ${outcome.status}.` };
    return { ok: false, message: `Test notice${about} not delivered: ${outcome.error}` };
  });
}
