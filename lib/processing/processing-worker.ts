import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { instanceId } from '@/lib/instance';
import { startClaimLoop } from '@/lib/jobs/claim-loop';
import { claimNextVideo, LEASE_MS, renewClaim } from './claims';
import { processVideo } from './process-video';
import { getTools, TOOLS_MISSING_NOTE } from './tools';

/**
 * Processes finished uploads outside the request path, `PROCESSING_CONCURRENCY` at a time.
 * Without ffprobe/ffmpeg the app still serves and uploads: videos wait in `queued` with a
 * note admins can see, and the tools are looked for again every minute.
 */

const POLL_MS = 2_000;

export function startProcessingWorker(): () => void {
  const owner = instanceId();

  const canRun = async () => {
    if (await getTools()) return true;
    await getDb().video.updateMany({
      where: { state: 'queued', OR: [{ processingNote: null }, { processingNote: { not: TOOLS_MISSING_NOTE } }] },
      data: { processingNote: TOOLS_MISSING_NOTE },
    });
    return false;
  };

  return startClaimLoop({
    name: 'processing',
    pollMs: POLL_MS,
    concurrency: getEnv().processingConcurrency,
    canRun,
    claim: () => claimNextVideo(owner),
    run: async (video) => {
      // The lease is renewed while the video is worked on; once it is lost (this process
      // stalled past it and another took over, or the video was deleted) the encode stops.
      const lost = new AbortController();
      const renew = setInterval(() => {
        void renewClaim(video.uid, owner).then(
          (held) => held || lost.abort(),
          () => {},
        );
      }, LEASE_MS / 4);
      try {
        const tools = await getTools();
        if (tools) await processVideo(video, tools, owner, lost.signal);
      } finally {
        clearInterval(renew);
      }
    },
  });
}
