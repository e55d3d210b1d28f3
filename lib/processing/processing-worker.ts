import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { instanceId } from '@/lib/instance';
import { startClaimLoop } from '@/lib/jobs/claim-loop';
import { returnVideoToQueue } from '@/lib/videos/processing-transitions';
import { claimNextVideo, LEASE_MS, renewClaim } from './claims';
import { processVideo } from './process-video';
import { getTools, TOOLS_MISSING_NOTE } from './tools';

/**
 * Processes finished uploads outside the request path, `PROCESSING_CONCURRENCY` at a time.
 * Without ffprobe/ffmpeg the app still serves and uploads: videos wait in `queued` with a
 * note admins can see, and the tools are looked for again every minute.
 */

const POLL_MS = 2_000;
const SHUTDOWN = new Error('shutting down');

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

  // Encodes in flight, stopped when the loop is (shutdown): their videos go back to the queue.
  const inFlight = new Set<AbortController>();

  const stopLoop = startClaimLoop({
    name: 'processing',
    pollMs: POLL_MS,
    concurrency: getEnv().processingConcurrency,
    canRun,
    claim: () => claimNextVideo(owner),
    run: async (video) => {
      // The lease is renewed while the video is worked on; once it is lost (this process
      // stalled past it and another took over, or the video was deleted) the encode stops.
      const stop = new AbortController();
      inFlight.add(stop);
      const renew = setInterval(() => {
        void renewClaim(video.uid, owner).then(
          (held) => held || stop.abort(new Error('claim lost')),
          () => {},
        );
      }, LEASE_MS / 4);
      try {
        const tools = await getTools();
        if (tools) await processVideo(video, tools, owner, stop.signal);
        if (stop.signal.reason === SHUTDOWN) await returnVideoToQueue(video.uid, owner, 'The app stopped while this video was being processed; it is processed again.');
      } finally {
        clearInterval(renew);
        inFlight.delete(stop);
      }
    },
  });
  return () => {
    stopLoop();
    for (const stop of inFlight) stop.abort(SHUTDOWN);
  };
}
