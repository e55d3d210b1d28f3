import type { Metadata } from 'next';
import Link from 'next/link';
import { WebhookLog } from '@/components/admin/webhook-log';
import { WebhookSettings } from '@/components/admin/webhook-settings';
import { requireAdmin } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { listWebhookDeliveries } from '@/lib/webhooks/list-deliveries';
import { getWebhook } from '@/lib/webhooks/webhook-config';

export const metadata: Metadata = { title: 'Webhook' };

/** The account's webhook: where notices go, a test notice, and the log of what was sent. */
export default async function WebhooksPage() {
  await requireAdmin('/admin/webhooks');
  const { accountId } = getEnv();
  const [webhook, deliveries] = await Promise.all([getWebhook(accountId), listWebhookDeliveries(50)]);
  return (
    <>
      <p>
        <Link href="/admin">← All videos</Link>
      </p>
      <h1>Webhook</h1>
      <p>
        Upstream tells your backend when a video is ready or has failed, as Cloudflare Stream does: it POSTs the video’s
        details to the notification URL, signed with the secret. An API client can set the same webhook with{' '}
        <code>PUT /client/v4/accounts/{accountId}/stream/webhook</code>.
      </p>
      <section aria-labelledby="webhook-settings-title">
        <h2 id="webhook-settings-title">Settings</h2>
        <WebhookSettings notificationUrl={webhook?.notificationUrl ?? null} />
      </section>
      <WebhookLog deliveries={deliveries} />
    </>
  );
}
