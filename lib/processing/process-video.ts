import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import type { Video } from '@/lib/generated/prisma/client';
import { getEnv } from '@/lib/env';
import { streamDir } from '@/lib/storage/stream-files';
import { uploadFilePath } from '@/lib/storage/upload-files';
import { markVideoFailed, markVideoReady, recordEncodeProgress, releaseVideo } from '@/lib/videos/processing-transitions';
import { ERROR_REASONS } from '@/lib/videos/states';
import { EncodeAbortedError, encodeVideo } from './encode-video';
import { checkNotTruncated, MalformedVideoError, probeVideo, ToolTimeoutError } from './probe-video';
import { defaultThumbnailSeconds, renderThumbnail, thumbnailFile } from './thumbnails';
import type { Tools } from './tools';
import { log } from '@/lib/log/logger';

/**
 * queued → inprogress → ready | error, for one claimed video: probe, the duration limit,
 * the truncation check and the default thumbnail, then the encode (pctComplete 0 → 100),
 * then ready with its renditions.
 */

export const MAX_PROCESSING_ATTEMPTS = 3;
/** Containers round durations a little: a 60 s limit accepts 60.05 s. */
const DURATION_TOLERANCE_SECONDS = 0.1;
/** pctComplete is written at most this often. */
const PROGRESS_WRITE_MS = 1_000;

function progressRecorder(uid: string, owner: string): (pct: number) => void {
  let lastWrite = 0;
  let lastPct = -1;
  let writing = false;
  return (pct) => {
    const now = Date.now();
    if (writing || pct === lastPct || pct >= 100 || now - lastWrite < PROGRESS_WRITE_MS) return;
    writing = true;
    lastWrite = now;
    lastPct = pct;
    void recordEncodeProgress(uid, owner, pct)
      .catch(() => {})
      .finally(() => (writing = false));
  };
}

export async function processVideo(video: Video, tools: Tools, owner: string, signal?: AbortSignal): Promise<void> {
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
    const renditions = await encodeVideo(tools, uid, probe, { signal, onPercent: progressRecorder(uid, owner) });
    if (!(await markVideoReady(uid, owner, probe, renditions))) {
      // The claim was lost meanwhile (the new holder decides), or the video was deleted: then its stream goes too.
      const exists = await getDb().video.count({ where: { uid } });
      if (!exists) await fs.rm(streamDir(uid), { recursive: true, force: true });
      else log.warn({ uid }, `Encoded ${uid}, but this process no longer holds its claim; the result is left to the new holder.`);
    }
  } catch (error) {
    if (error instanceof EncodeAbortedError) return;
    if (error instanceof MalformedVideoError) {
      log.warn({ uid, job: 'processing', event: 'malformed', detail: error.detail }, `Video ${uid} is not playable: ${error.message}`);
      await fs.rm(streamDir(uid), { recursive: true, force: true });
      await markVideoFailed(uid, owner, ERROR_REASONS.ERR_MALFORMED_VIDEO, error.message);
      return;
    }
    // What the machine said (a path, a system error) is for the log above; people read what happened.
    const why = error instanceof ToolTimeoutError ? error.message : 'Processing failed on the server (the log has the details).';
    log.error({ err: error, uid, job: 'processing', event: 'failed', attempt: video.processingAttempts }, `Processing ${uid} failed (attempt ${video.processingAttempts}); it goes back to the queue`);
    if (video.processingAttempts >= MAX_PROCESSING_ATTEMPTS) {
      await fs.rm(streamDir(uid), { recursive: true, force: true });
      await markVideoFailed(uid, owner, ERROR_REASONS.ERR_MALFORMED_VIDEO, `${why} (after ${video.processingAttempts} attempts)`);
    } else {
      await releaseVideo(uid, owner, `${why} Trying again.`);
    }
  }
}
