import type { Metadata } from 'next';
import Link from 'next/link';
import { type Column, DataTable } from '@/components/admin/data-table';
import { HourlyChart } from '@/components/admin/hourly-chart';
import { requireAdmin } from '@/lib/auth/current-user';
import { uploadsInFlightHere } from '@/lib/metrics/metrics';
import { readFailures } from '@/lib/system/read-failures';
import { readHourlyUploads } from '@/lib/system/read-hourly-uploads';
import { type InstanceRow, readInstances } from '@/lib/system/read-instances';
import { readQueues } from '@/lib/system/read-queues';
import { readStorage } from '@/lib/system/read-storage';
import { type UploadInFlight, readUploadsInFlight } from '@/lib/system/read-uploads-in-flight';
import { formatBytes } from '@/lib/universal/format';
import styles from './system.module.css';
import { LocalTime } from '@/components/videos/local-time';

export const metadata: Metadata = { title: 'System' };

const QUEUE_NAMES: Record<string, string> = {
  processing: 'Processing (waiting)',
  encoding: 'Processing (being worked on)',
  webhooks: 'Webhook notices to send',
  copies: 'Uploads via link being fetched',
};

/** "3 min" from seconds: ages of heartbeats and queue items. */
function formatAge(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

const exactBytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
const count = (n: number) => n.toLocaleString('en-US');

/** What an on-call admin looks at: the instances, the uploads in flight, the queues, the disk, what failed, and the last week. */
export default async function SystemPage() {
  await requireAdmin('/admin/system');
  const now = new Date();
  const [instances, inFlight, inFlightHere, queues, storage, failures, hours] = await Promise.all([
    readInstances(now),
    readUploadsInFlight(20, now),
    uploadsInFlightHere(),
    readQueues(),
    readStorage(),
    readFailures(now),
    readHourlyUploads(7 * 24, now),
  ]);
  const ageOf = (date: Date) => formatAge((now.getTime() - date.getTime()) / 1000);
  const videoFailures = failures.videos.reduce((sum, row) => sum + row.count, 0);
  const instanceColumns: Column<InstanceRow>[] = [
    {
      header: 'Instance',
      cell: (row) => (
        <>
          {row.host} (pid {row.pid}){row.isThis && <strong> — this instance</strong>}
        </>
      ),
    },
    {
      header: 'Last heartbeat',
      cell: (row) => (
        <>
          {ageOf(row.heartbeatAt)} ago{!row.isAlive && <strong className={styles.bad}> — not responding</strong>}
        </>
      ),
    },
    { header: 'Started', cell: (row) => `${ageOf(row.startedAt)} ago` },
    { header: 'Upload locks', cell: (row) => (row.usesRedis ? 'Redis (shared)' : 'in this process') },
  ];
  const uploadColumns: Column<UploadInFlight>[] = [
    {
      header: 'Video',
      cell: (upload) => (
        <>
          <span className={styles.name}>{upload.name || 'unnamed'}</span> <code className={styles.uid}>{upload.uid}</code>
        </>
      ),
    },
    {
      header: 'Received',
      cell: (upload) => `${Math.floor((upload.received / upload.size) * 100)}% (${exactBytes(upload.received)} of ${exactBytes(upload.size)})`,
    },
    { header: 'Last byte', cell: (upload) => (upload.lastActivity ? `${ageOf(upload.lastActivity)} ago` : 'none yet') },
    { header: 'URL expires', cell: (upload) => <LocalTime iso={upload.uploadExpiry.toISOString()} /> },
  ];

  return (
    <>
      <p className={styles.back}>
        <Link href="/admin">← All videos</Link> · <Link href="/admin/webhooks">Webhook settings</Link>
      </p>
      <h1>System</h1>
      <p className="empty">
        As of <LocalTime iso={now.toISOString()} />. Reload the page to refresh.
      </p>

      <section aria-labelledby="instances-title" className={styles.section}>
        <h2 id="instances-title">Instances</h2>
        <DataTable scrollLabel="Table of instances" columns={instanceColumns} rows={instances} rowKey={(row) => row.id} />
      </section>

      <section aria-labelledby="uploads-title" className={styles.section}>
        <h2 id="uploads-title">Uploads in flight</h2>
        <p>
          <strong>{count(inFlight.total)}</strong> upload{inFlight.total === 1 ? '' : 's'} begun and not yet complete; {count(inFlightHere)} receiving bytes on this
          instance right now.
        </p>
        {inFlight.uploads.length > 0 && (
          <DataTable scrollLabel="Table of uploads in flight" columns={uploadColumns} rows={inFlight.uploads} rowKey={(upload) => upload.uid} />
        )}
      </section>

      <section aria-labelledby="queues-title" className={styles.section}>
        <h2 id="queues-title">Queues</h2>
        <dl className={styles.stats}>
          {queues.map((queue) => (
            <div key={queue.name}>
              <dt>{QUEUE_NAMES[queue.name]}</dt>
              <dd>
                {count(queue.depth)}
                {queue.oldest && queue.depth > 0 && <span className={styles.detail}> oldest {ageOf(queue.oldest)}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="storage-title" className={styles.section}>
        <h2 id="storage-title">Storage</h2>
        <dl className={styles.stats}>
          <div>
            <dt>Originals stored</dt>
            <dd>
              {formatBytes(storage.originalBytes)}
              <span className={styles.detail}>
                {' '}
                in {count(storage.videos)} video{storage.videos === 1 ? '' : 's'}
              </span>
            </dd>
          </div>
          <div>
            <dt>Free in the upload folder</dt>
            <dd>
              {storage.freeBytes === null ? 'unknown' : formatBytes(storage.freeBytes)}
              {storage.totalBytes !== null && <span className={styles.detail}> of {formatBytes(storage.totalBytes)}</span>}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="failures-title" className={styles.section}>
        <h2 id="failures-title">Failures in the last 24 hours</h2>
        <dl className={styles.stats}>
          <div>
            <dt>Videos that ended in error</dt>
            <dd>
              {count(videoFailures)}
              {failures.videos.length > 0 && <span className={styles.detail}> {failures.videos.map((row) => `${row.code}: ${row.count}`).join(', ')}</span>}
            </dd>
          </div>
          <div>
            <dt>Webhook attempts that failed</dt>
            <dd>{count(failures.webhookAttemptsFailed)}</dd>
          </div>
          <div>
            <dt>Webhook notices given up</dt>
            <dd>{count(failures.webhooksGivenUp)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="week-title" className={styles.section}>
        <h2 id="week-title">The last 7 days</h2>
        <HourlyChart id="chart-uploads" title="Uploads completed per hour, last 7 days" buckets={hours} value={(b) => b.uploads} format={count} />
        <HourlyChart id="chart-bytes" title="Bytes uploaded per hour, last 7 days" buckets={hours} value={(b) => b.bytes} format={exactBytes} />
      </section>
    </>
  );
}
