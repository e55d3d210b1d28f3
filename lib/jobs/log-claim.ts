import { log } from '@/lib/log/logger';

/**
 * The job event "claimed" (or "took over", when the claim was another process's whose lease
 * ran out: that process died or stalled), with the uid, for every claimed kind of work.
 */
export function logClaim(job: string, uid: string, owner: string, previousOwner: string | null): void {
  if (previousOwner && previousOwner !== owner) {
    log.warn({ uid, job, event: 'took over', from: previousOwner }, `${job}: took over ${uid} from ${previousOwner}, whose lease ran out`);
  } else {
    log.info({ uid, job, event: 'claimed' }, `${job}: claimed ${uid}`);
  }
}
