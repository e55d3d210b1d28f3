import { type Column, DataTable } from '@/components/admin/data-table';
import type { UserUsageRow } from '@/lib/videos/list-user-usage';
import { formatBytes } from '@/lib/universal/format';

type Props = { rows: UserUsageRow[]; maxPendingUploads: number; maxStoredBytes: number };

/** Each user's use of their quotas (admins have none). */
export function UsageTable({ rows, maxPendingUploads, maxStoredBytes }: Props) {
  const of = (limit: number, text: string) => (limit > 0 ? ` of ${text}` : '');
  const columns: Column<UserUsageRow>[] = [
    { header: 'User', cell: (row) => row.email },
    {
      header: 'Uploads in progress',
      cell: (row) => (
        <>
          {row.pendingUploads}
          {row.role === 'admin' ? ' (admin: no quota)' : of(maxPendingUploads, String(maxPendingUploads))}
        </>
      ),
    },
    {
      header: 'Stored',
      cell: (row) => (
        <>
          {formatBytes(row.storedBytes)}
          {row.role === 'admin' ? '' : of(maxStoredBytes, formatBytes(maxStoredBytes))}
        </>
      ),
    },
  ];
  return (
    <section aria-labelledby="usage-heading" className="usage-table">
      <h2 id="usage-heading">Usage by user</h2>
      {rows.length === 0 ? (
        <p className="empty">No user has uploaded anything yet.</p>
      ) : (
        <DataTable caption="Uploads in progress and bytes stored per user" scrollLabel="Table of usage by user" columns={columns} rows={rows} rowKey={(row) => row.email} />
      )}
    </section>
  );
}
