import type { Video } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';
import { uploadFilePath } from '@/lib/storage/upload-files';
import { markVideoFailed, markVideoReady, releaseVideo } from '@/lib/videos/processing-transitions';
import { ERROR_REASONS } from '@/lib/videos/states';
import { checkNotTruncated, MalformedVideoError, probeVideo, ToolTimeoutError } from './probe-video';
import { defaultThumbnailSeconds, renderThumbnail, thumbnailFile } from './thumbnails';
import type { Tools } from './tools';
import { log } from '@/lib/log/logger';

/** queued → inprogress → ready | error, for one claimed video. */

export const MAX_PROCESSING_ATTEMPTS = 3;
/** Containers round durations a little: a 60 s limit accepts 60.05 s. */
const DURATION_TOLERANCE_SECONDS = 0.1;

export async function processVideo(video: Video, tools: Tools, owner: string): Promise<void> {
  const { uid } = video;
  const timeoutMs = getEnv().processingTimeoutMs;
  if (video.processingAttempts > MAX_PROCESSING_ATTEMPTS) {
    await markVideoFailed(uid, owner, ERROR_REASONS.ERR_MALFORMED_VIDEO, `Processing did not finish after ${MAX_PROCESSING_ATTEMPTS} attempts.`);
    return;
  }
  try {
    const probe = await probeVideo(tools, uploadFilePath(uid), timeoutMs);
    if (probe.duration > video.maxDurationSeconds + DURATION_TOLERANCE_SECONDS) {
      await markVideoFailed(
        uid,
        owner,
        ERROR_REASONS.ERR_DURATION_EXCEED_CONSTRAINT,
        `The video is ${probe.duration.toFixed(1)} s long, longer than this upload's limit of ${video.maxDurationSeconds} s.`,
        probe,
      );
      return;
    }
    const seconds = defaultThumbnailSeconds(probe.duration, video.thumbnailTimestampPct);
    const file = uploadFilePath(uid);
    // Both read the file; on two cores they run side by side.
    await Promise.all([
      renderThumbnail(tools, file, thumbnailFile(uid, Math.round(seconds * 1000), null), seconds, null, timeoutMs),
      checkNotTruncated(tools, file, probe, timeoutMs),
    ]);
    await markVideoReady(uid, owner, probe);
  } catch (error) {
    if (error instanceof MalformedVideoError) {
      await markVideoFailed(uid, owner, ERROR_REASONS.ERR_MALFORMED_VIDEO, error.message);
      return;
    }
    const why = error instanceof ToolTimeoutError ? error.message : `Processing failed: ${(error as Error).message}`;
    log.error({ err: error, uid, job: 'processing', event: 'failed', attempt: video.processingAttempts }, `Processing ${uid} failed (attempt ${video.processingAttempts}); it goes back to the queue`);
    if (video.processingAttempts >= MAX_PROCESSING_ATTEMPTS) {
      await markVideoFailed(uid, owner, ERROR_REASONS.ERR_MALFORMED_VIDEO, `${why} (after ${video.processingAttempts} attempts)`);
    } else {
      await releaseVideo(uid, owner, `${why} Trying again.`);
    }
  }
}
