import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import type { Video } from '@/lib/generated/prisma/client';
import { instanceId } from '@/lib/instance';
import { startClaimLoop } from '@/lib/jobs/claim-loop';
import { removeUploadFiles, uploadFilePath } from '@/lib/storage/upload-files';
import { claimNextCopy, LEASE_MS, markCopyComplete, markCopyFailed, releaseCopy, renewCopyClaim } from './copy-claims';
import { FetchOriginError, fetchToFile } from './fetch-source';
import { log } from '@/lib/log/logger';

/**
 * Fetches uploads via link (state `downloading`), two at a time per process,
 * in any instance. A fetch cut off by a crash or restart is taken up again from the start
 * once its lease runs out; after MAX_COPY_ATTEMPTS the video ends in `error`.
 */

export const MAX_COPY_ATTEMPTS = 3;
const CONCURRENCY = 2;
const POLL_MS = 2_000;

async function runCopy(video: Video, owner: string): Promise<void> {
  const { uid } = video;
  if (video.processingAttempts > MAX_COPY_ATTEMPTS) {
    await markCopyFailed(uid, owner, `The download was interrupted ${MAX_COPY_ATTEMPTS} times; it was given up.`);
    await removeUploadFiles(uid);
    return;
  }
  const stop = new AbortController();
  const renew = setInterval(() => {
    void renewCopyClaim(uid, owner)
      .then((isOurs) => (isOurs ? undefined : stop.abort()))
      .catch(() => {});
  }, LEASE_MS / 4);
  try {
    const env = getEnv();
    const file = await fetchToFile(video.sourceUrl ?? '', uploadFilePath(uid), { maxBytes: env.maxUploadBytes, timeoutMs: env.copyTimeoutMs, signal: stop.signal });
    if (!(await markCopyComplete(uid, owner, file))) {
      // Deleted meanwhile: its bytes go too. (Taken over: the other process writes them.)
      if (!(await getDb().video.findUnique({ where: { uid }, select: { uid: true } }))) await removeUploadFiles(uid);
    }
  } catch (error) {
    if (stop.signal.aborted) {
      if (!(await getDb().video.findUnique({ where: { uid }, select: { uid: true } }))) await removeUploadFiles(uid);
      return;
    }
    if (error instanceof FetchOriginError) {
      if (await markCopyFailed(uid, owner, error.message)) await removeUploadFiles(uid);
      return;
    }
    log.error({ err: error, uid, attempt: video.processingAttempts }, `Fetching ${uid} from its URL failed; it will be tried again`);
    await releaseCopy(uid, owner, `The download failed on our side (${(error as Error).message}); trying again.`);
  } finally {
    clearInterval(renew);
  }
}

export function startCopyWorker(): () => void {
  const owner = instanceId();
  return startClaimLoop({ name: 'copy', pollMs: POLL_MS, concurrency: CONCURRENCY, claim: () => claimNextCopy(owner), run: (video) => runCopy(video, owner) });
}
