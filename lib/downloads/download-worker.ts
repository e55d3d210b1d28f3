import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { instanceId } from '@/lib/instance';
import { startClaimLoop } from '@/lib/jobs/claim-loop';
import { getTools } from '@/lib/processing/tools';
import { downloadFile } from '@/lib/storage/stream-files';
import { buildDownload } from './build-download';
import { claimNextDownload, DOWNLOAD_LEASE_MS, renewDownloadClaim, updateClaimedDownload } from './claims';

/** Builds requested MP4 downloads, one at a time per process (a remux: cheap next to an encode). */

const POLL_MS = 2_000;

async function runDownload(uid: string, owner: string): Promise<void> {
  const tools = await getTools();
  if (!tools) return;
  const renew = setInterval(() => void renewDownloadClaim(uid, owner).catch(() => {}), DOWNLOAD_LEASE_MS / 4);
  try {
    await buildDownload(uid, tools, {
      timeoutMs: getEnv().processingTimeoutMs,
      onProgress: (pct) => void updateClaimedDownload(uid, owner, { downloadPct: Math.min(pct, 99) }).catch(() => {}),
    });
    if (!(await updateClaimedDownload(uid, owner, { downloadState: 'ready', downloadPct: 100 }))) {
      // Deleted (or deleted and asked for again) while it was made: do not leave a file nobody asked for.
      const video = await getDb().video.findUnique({ where: { uid }, select: { downloadState: true } });
      if (video?.downloadState !== 'ready') await fs.rm(downloadFile(uid), { force: true }).catch(() => {});
    }
  } catch (error) {
    console.error(`The MP4 download of ${uid} could not be made:`, error instanceof Error ? error.message : error);
    await updateClaimedDownload(uid, owner, { downloadState: 'error' }).catch(() => {});
  } finally {
    clearInterval(renew);
  }
}

export function startDownloadWorker(): () => void {
  const owner = instanceId();
  return startClaimLoop({
    name: 'downloads',
    pollMs: POLL_MS,
    concurrency: 1,
    canRun: async () => (await getTools()) !== null,
    claim: () => claimNextDownload(owner),
    run: (uid) => runDownload(uid, owner),
  });
}
