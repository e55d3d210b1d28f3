import { startDownloadWorker } from '@/lib/downloads/download-worker';
import { getEnv } from '@/lib/env';
import { startProcessingWorker } from '@/lib/processing/processing-worker';
import { startWebhookWorker } from '@/lib/webhooks/deliver-webhooks';
import { startCopyWorker } from '@/lib/copy/copy-worker';
import { deleteScheduledVideos } from '@/lib/videos/delete-scheduled-videos';
import { pruneFailedUploads } from '@/lib/videos/prune-failed-uploads';
import { reconcileUploads } from '@/lib/videos/reconcile-uploads';
import { expireUploads } from '@/lib/videos/upload-transitions';
import { log } from '@/lib/log/logger';

/**
 * The app's background work. All of its state is in the database: each run looks at what
 * is due now, so work that fell due while the app was down is done at the next start, and
 * a run that died half-way is finished by the next.
 *
 * Two roles: `web` (inside server.ts) runs everything, except processing/encoding when
 * PROCESS_VIDEOS=false; `worker` (`npm run worker`, no HTTP) runs the claimed jobs only —
 * processing + encoding, webhooks and MP4 downloads — which are safe to run in any number of processes.
 * Upload expiry and reconcile stay with the web instances (they take upload locks).
 */

export type JobRole = 'web' | 'worker';

const RECONCILE_EVERY_MS = 60 * 60 * 1000;

function every(ms: number, name: string, task: () => Promise<unknown>): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      log.error({ err: error, job: name }, `Background job "${name}" failed; it will run again in ${Math.round(ms / 1000)} s`);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}

/** Work claimed row by row in the database: any number of web instances and workers may run it. */
function startClaimedJobs(): (() => void)[] {
  return [startProcessingWorker(), startWebhookWorker(), startDownloadWorker(), startCopyWorker()];
}

export function startBackgroundJobs(role: JobRole = 'web'): () => void {
  const env = getEnv();
  if (role === 'worker') {
    const stops = startClaimedJobs();
    return () => stops.forEach((stop) => stop());
  }
  const stops = [
    every(env.cleanupIntervalSeconds * 1000, 'expire uploads', async () => {
      const expired = await expireUploads();
      if (expired > 0) log.info({ job: 'expire uploads', expired }, `Expired ${expired} upload(s) whose URL ran out before the last byte.`);
    }),
    // Within 60 s of the time: CLEANUP_INTERVAL_SECONDS is at most 45.
    every(env.cleanupIntervalSeconds * 1000, 'scheduled deletions', async () => {
      const deleted = await deleteScheduledVideos();
      if (deleted > 0) log.info({ job: 'scheduled deletions', deleted }, `Deleted ${deleted} video(s) whose scheduledDeletion time had come.`);
    }),
    every(env.cleanupIntervalSeconds * 1000, 'prune failed uploads', async () => {
      const pruned = await pruneFailedUploads();
      if (pruned > 0) console.log(`Removed ${pruned} failed upload(s) past FAILED_UPLOAD_RETENTION_SECONDS.`);
    }),
    every(RECONCILE_EVERY_MS, 'reconcile uploads', async () => {
      const { completed, removed } = await reconcileUploads();
      if (completed || removed) log.info({ job: 'reconcile uploads', completed, removed }, `Reconciled uploads: ${completed} completed, ${removed} left-over file set(s) removed.`);
    }),
    ...(env.processVideos ? [startProcessingWorker()] : []),
    startWebhookWorker(),
    startCopyWorker(),
    startDownloadWorker(),
  ];
  return () => stops.forEach((stop) => stop());
}
