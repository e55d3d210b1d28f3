import Link from 'next/link';
import { type Column, DataTable } from '@/components/admin/data-table';
import type { WebhookDeliveryLog } from '@/lib/webhooks/list-deliveries';
import styles from './webhook-log.module.css';
import { LocalTime } from '@/components/videos/local-time';

const STATE_NAMES: Record<string, string> = { pending: 'Retrying', delivered: 'Delivered', failed: 'Given up' };
const EVENT_NAMES: Record<string, string> = { ready: 'Ready', error: 'Failed', test: 'Test notice' };

function VideoCell({ delivery }: { delivery: WebhookDeliveryLog }) {
  if (delivery.videoUid === null) {
    return <span className={styles.none}>{delivery.event === 'test' ? 'No video (a sample notice)' : 'A deleted video'}</span>;
  }
  // The row outlives its video (the foreign key is set null only on delete): `video` is null then.
  const name = delivery.video ? delivery.video.name || 'Untitled video' : null;
  return (
    <>
      {name ? (
        <Link href={`/videos/${delivery.videoUid}`} className={styles.name}>
          {name}
        </Link>
      ) : (
        <span className={styles.none}>A deleted video</span>
      )}{' '}
      <code className={styles.uid}>{delivery.videoUid}</code>
    </>
  );
}

const COLUMNS: Column<WebhookDeliveryLog>[] = [
  { header: 'Video', cell: (delivery) => <VideoCell delivery={delivery} /> },
  { header: 'Notice', cell: (delivery) => EVENT_NAMES[delivery.event] ?? delivery.event },
  { header: 'Outcome', cell: (delivery) => STATE_NAMES[delivery.state] ?? delivery.state },
  {
    header: 'Attempts',
    cell: (delivery) => (
      <ol className={styles.attempts}>
        {delivery.attempts.map((attempt) => (
          <li key={attempt.attempt}>
            <LocalTime iso={attempt.at.toISOString()} />:{' '}
            {attempt.error ?? `answered ${attempt.status}`} ({attempt.durationMs} ms)
          </li>
        ))}
      </ol>
    ),
  },
];

/** The webhook's latest notices, each with every attempt: what an admin checks when a receiver misses notices. */
/** `notificationUrl`: where notices go, said above the log (left out where the page says it already). */
export function WebhookLog({ notificationUrl, deliveries }: { notificationUrl?: string | null; deliveries: WebhookDeliveryLog[] }) {
  return (
    <section aria-labelledby="webhook-log-title" className={styles.log}>
      <h2 id="webhook-log-title">Webhook deliveries</h2>
      {notificationUrl !== undefined && (
        <p>
          {notificationUrl ? (
            <>
              Notices go to <code className={styles.uid}>{notificationUrl}</code>.
            </>
          ) : (
            <>
              No webhook is set: <Link href="/admin/webhooks">set one on the webhook page</Link>.
            </>
          )}
        </p>
      )}
      {deliveries.length === 0 ? (
        <p className="empty">No notices sent yet.</p>
      ) : (
        <DataTable
          caption="The latest webhook notices and their attempts"
          scrollLabel="Table of webhook notices"
          columns={COLUMNS}
          rows={deliveries}
          rowKey={(delivery) => delivery.id}
        />
      )}
    </section>
  );
}
