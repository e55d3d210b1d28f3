import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';

/**
 * Removes the rows of uploads that failed before their bytes arrived (cancelled, expired, a
 * link that could not be fetched) once FAILED_UPLOAD_RETENTION_SECONDS have passed since they
 * failed, so abandoned mints cannot grow the catalog without bound. Their bytes were removed
 * when they failed; the reconcile job sweeps anything a crash left. Idempotent: every instance
 * may run it.
 */
export async function pruneFailedUploads(now = Date.now()): Promise<number> {
  const cutoff = new Date(now - getEnv().limits.failedUploadRetentionMs);
  const { count } = await getDb().video.deleteMany({ where: { state: 'error', uploaded: null, modified: { lt: cutoff } } });
  return count;
}
