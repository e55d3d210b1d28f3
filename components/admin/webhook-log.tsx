import { formatDateTime } from '@/lib/universal/format';
import type { WebhookDeliveryLog } from '@/lib/webhooks/list-deliveries';

const STATE_NAMES: Record<string, string> = { pending: 'Retrying', delivered: 'Delivered', failed: 'Given up' };

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
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">The latest webhook notices and their attempts</caption>
            <thead>
              <tr>
                <th scope="col">Video</th>
                <th scope="col">Notice</th>
                <th scope="col">Outcome</th>
                <th scope="col">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <code className="media-id">{delivery.videoUid ?? 'deleted'}</code>
                  </td>
                  <td>{delivery.event}</td>
                  <td>{STATE_NAMES[delivery.state] ?? delivery.state}</td>
                  <td>
                    <ol className="attempts">
                      {delivery.attempts.map((attempt) => (
                        <li key={attempt.attempt}>
                          <time dateTime={attempt.at.toISOString()}>{formatDateTime(attempt.at.toISOString())}</time>:{' '}
                          {attempt.error ?? `answered ${attempt.status}`} ({attempt.durationMs} ms)
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
