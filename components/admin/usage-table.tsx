import type { UserUsageRow } from '@/lib/limits/list-user-usage';
import { formatBytes } from '@/lib/universal/format';

type Props = { rows: UserUsageRow[]; maxPendingUploads: number; maxStoredBytes: number };

/** Each user's use of their quotas (admins have none). */
export function UsageTable({ rows, maxPendingUploads, maxStoredBytes }: Props) {
  const of = (limit: number, text: string) => (limit > 0 ? ` of ${text}` : '');
  return (
    <section aria-labelledby="usage-heading" className="webhook-log">
      <h2 id="usage-heading">Usage by user</h2>
      {rows.length === 0 ? (
        <p className="empty">No user has uploaded anything yet.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Uploads in progress and bytes stored per user</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Uploads in progress</th>
                <th scope="col">Stored</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.email}>
                  <td>{row.email}</td>
                  <td>
                    {row.pendingUploads}
                    {row.role === 'admin' ? ' (admin: no quota)' : of(maxPendingUploads, String(maxPendingUploads))}
                  </td>
                  <td>
                    {formatBytes(row.storedBytes)}
                    {row.role === 'admin' ? '' : of(maxStoredBytes, formatBytes(maxStoredBytes))}
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
