import { type Column, DataTable } from '@/components/admin/data-table';
import { formatDateTime } from '@/lib/universal/format';
import type { WebhookDeliveryLog } from '@/lib/webhooks/list-deliveries';

const STATE_NAMES: Record<string, string> = { pending: 'Retrying', delivered: 'Delivered', failed: 'Given up' };

const COLUMNS: Column<WebhookDeliveryLog>[] = [
  { header: 'Video', cell: (delivery) => <code className="media-id">{delivery.videoUid ?? 'deleted'}</code> },
  { header: 'Notice', cell: (delivery) => delivery.event },
  { header: 'Outcome', cell: (delivery) => STATE_NAMES[delivery.state] ?? delivery.state },
  {
    header: 'Attempts',
    cell: (delivery) => (
      <ol className="attempts">
        {delivery.attempts.map((attempt) => (
          <li key={attempt.attempt}>
            <time dateTime={attempt.at.toISOString()}>{formatDateTime(attempt.at.toISOString())}</time>:{' '}
            {attempt.error ?? `answered ${attempt.status}`} ({attempt.durationMs} ms)
          </li>
        ))}
      </ol>
    ),
  },
];

/** The webhook's latest notices, each with every attempt: what an admin checks when a receiver misses notices. */
export function WebhookLog({ notificationUrl, deliveries }: { notificationUrl: string | null; deliveries: WebhookDeliveryLog[] }) {
  return (
    <section aria-labelledby="webhook-log-title" className="webhook-log">
      <h2 id="webhook-log-title">Webhook deliveries</h2>
      <p>
        {notificationUrl ? (
          <>
            Notices go to <code>{notificationUrl}</code>.
          </>
        ) : (
          'No webhook is set (PUT /client/v4/accounts/{account}/stream/webhook sets one).'
        )}
      </p>
      {deliveries.length === 0 ? (
        <p className="empty">No notices sent yet.</p>
      ) : (
        <DataTable caption="The latest webhook notices and their attempts" columns={COLUMNS} rows={deliveries} rowKey={(delivery) => delivery.id} />
      )}
    </section>
  );
}
