import { getEnv } from '@/lib/env';
import { startProcessingWorker } from '@/lib/processing/processing-worker';
import { startWebhookWorker } from '@/lib/webhooks/deliver-webhooks';
import { expireUploads } from '@/lib/videos/upload-transitions';
import { pruneFailedUploads } from './prune-failed-uploads';
import { reconcileUploads } from './reconcile-uploads';

/**
 * The app's background work, run inside the app process. All of its state is in the
 * database: each run looks at what is due now, so work that fell due while the app was
 * down is done at the next start, and a run that died half-way is finished by the next.
 */

const RECONCILE_EVERY_MS = 60 * 60 * 1000;

function every(ms: number, name: string, task: () => Promise<unknown>): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      console.error(`Background job "${name}" failed; it will run again in ${Math.round(ms / 1000)} s:`, error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export function startBackgroundJobs(): () => void {
  const env = getEnv();
  const stops = [
    every(env.cleanupIntervalSeconds * 1000, 'expire uploads', async () => {
      const expired = await expireUploads();
      if (expired > 0) console.log(`Expired ${expired} upload(s) whose URL ran out before the last byte.`);
    }),
    every(env.cleanupIntervalSeconds * 1000, 'prune failed uploads', async () => {
      const pruned = await pruneFailedUploads();
      if (pruned > 0) console.log(`Removed ${pruned} failed upload(s) past FAILED_UPLOAD_RETENTION_SECONDS.`);
    }),
    every(RECONCILE_EVERY_MS, 'reconcile uploads', async () => {
      const { completed, removed } = await reconcileUploads();
      if (completed || removed) console.log(`Reconciled uploads: ${completed} completed, ${removed} left-over file set(s) removed.`);
    }),
    startProcessingWorker(),
    startWebhookWorker(),
  ];
  return () => stops.forEach((stop) => stop());
}
