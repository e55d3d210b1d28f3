import { getDb } from '@/lib/db/client';

export type HourBucket = { start: Date; uploads: number; bytes: number };

const HOUR_MS = 3600 * 1000;

/**
 * Complete uploads per hour (by the time their last byte arrived) and their bytes, for the
 * last `hours` hours up to now, oldest first: one bucket per hour, empty hours included.
 */
export async function readHourlyUploads(hours = 7 * 24, now = new Date()): Promise<HourBucket[]> {
  const end = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
  const start = end - hours * HOUR_MS;
  const buckets: HourBucket[] = Array.from({ length: hours }, (_, i) => ({ start: new Date(start + i * HOUR_MS), uploads: 0, bytes: 0 }));
  const rows = await getDb().video.findMany({ where: { uploaded: { gte: new Date(start) } }, select: { uploaded: true, size: true } });
  for (const row of rows) {
    const bucket = buckets[Math.floor((row.uploaded!.getTime() - start) / HOUR_MS)];
    if (!bucket) continue;
    bucket.uploads += 1;
    bucket.bytes += Number(row.size);
  }
  return buckets;
}
