import { getDb } from '@/lib/db/client';
import { log } from '@/lib/log/logger';
import { observeProcessing } from '@/lib/metrics/metrics';

/**
 * After one processing run of a claimed video: the job event (done, failed, or released
 * back to the queue) and the run's duration by outcome, from the state the run left.
 */
export async function recordProcessingRun(uid: string, startedAt: number): Promise<void> {
  const seconds = (Date.now() - startedAt) / 1000;
  try {
    const video = await getDb().video.findUnique({ where: { uid }, select: { state: true, errorReasonCode: true, processingNote: true } });
    const outcome = video?.state === 'ready' ? 'ready' : video?.state === 'error' ? 'error' : 'retry';
    observeProcessing(outcome, seconds);
    const fields = { uid, job: 'processing', seconds: Math.round(seconds * 1000) / 1000 };
    if (outcome === 'ready') log.info({ ...fields, event: 'done', state: 'ready' }, `processing: ${uid} is ready`);
    else if (outcome === 'error') log.info({ ...fields, event: 'done', state: 'error', errorReasonCode: video?.errorReasonCode }, `processing: ${uid} ended in error (${video?.errorReasonCode ?? 'unknown'})`);
    else log.warn({ ...fields, event: 'failed', state: video?.state ?? 'deleted', note: video?.processingNote }, `processing: ${uid} went back to the queue`);
  } catch (error) {
    log.warn({ err: error, uid }, 'processing: the outcome of a run could not be recorded');
  }
}
