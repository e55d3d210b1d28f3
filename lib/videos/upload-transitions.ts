import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { sha256File } from '@/lib/storage/hash-file';
import { hasUnverifiedBytes, removeUploadFiles, storedBytes, uploadFilePath } from '@/lib/storage/upload-files';
import { runningDigests } from '@/lib/upload-store/running-digest';
import { withUploadLock } from '@/lib/upload-store/store';
import { wakeJob } from '@/lib/jobs/wake';
import { enqueueVideoNotice } from './enqueue-notice';
import { ERROR_REASONS } from './states';

/**
 * The transitions out of `pendingupload`. Each is a conditional update (`where state =
 * pendingupload`), so whichever happens first wins and the others change nothing, in this
 * process or another one.
 */

/**
 * The last byte arrived: the whole file's sha256 is recorded and the video waits for
 * processing; when the mint declared a different sha256 it ends ERR_INTEGRITY instead
 * (the bytes stay, for an admin to inspect, until the video is deleted).
 */
export async function markUploadComplete(uid: string): Promise<boolean> {
  const db = getDb();
  const video = await db.video.findUnique({ where: { uid }, select: { state: true, expectedSha256: true, size: true } });
  if (video?.state !== 'pendingupload') return false;
  // Hashed as the bytes arrived when this process saw them all; else read once from the file.
  const sha256 = runningDigests().take(uid, Number(video.size)) ?? (await sha256File(uploadFilePath(uid)));
  const isIntact = video.expectedSha256 === null || video.expectedSha256 === sha256;
  const { count } = await db.video.updateMany({
    where: { uid, state: 'pendingupload' },
    data: isIntact
      ? { state: 'queued', uploaded: new Date(), sha256 }
      : {
          state: 'error',
          uploaded: new Date(),
          sha256,
          errorReasonCode: ERROR_REASONS.ERR_INTEGRITY,
          errorReasonText: `The uploaded bytes are not the file that was announced: their SHA-256 is ${sha256}, the upload declared ${video.expectedSha256}.`,
        },
  });
  if (count > 0 && isIntact) wakeJob('processing');
  if (count > 0 && !isIntact) await enqueueVideoNotice(uid);
  return count > 0;
}

/** Every declared byte is on disk and verified (a size of 0 is a deferred length not declared yet). */
export async function isUploadComplete(uid: string, size: bigint): Promise<boolean> {
  return size > 0n && (await storedBytes(uid)) === Number(size) && !(await hasUnverifiedBytes(uid));
}

/** DELETE on the upload URL: bytes removed, state error ERR_CANCELLED. */
export async function cancelUpload(uid: string): Promise<void> {
  await withUploadLock(uid, async () => {
    const db = getDb();
    const video = await db.video.findUnique({ where: { uid }, select: { state: true, size: true } });
    if (!video) throw new AppError('NOT_FOUND', 'Upload not found.');
    if (video.state === 'pendingupload' && (await isUploadComplete(uid, video.size))) {
      await markUploadComplete(uid);
      throw new AppError('FORBIDDEN', 'This upload is complete and can no longer be cancelled.');
    }
    const { count } = await db.video.updateMany({
      where: { uid, state: 'pendingupload' },
      data: { state: 'error', errorReasonCode: ERROR_REASONS.ERR_CANCELLED, errorReasonText: 'The upload was cancelled.' },
    });
    if (count === 0) throw new AppError('GONE', 'This upload has already ended.');
    runningDigests().forget(uid);
    await removeUploadFiles(uid);
  });
  await enqueueVideoNotice(uid);
}

/** Ends uploads whose URL expired before the last byte arrived. Returns how many it ended. */
export async function expireUploads(now = new Date()): Promise<number> {
  const db = getDb();
  const due = await db.video.findMany({
    where: { state: 'pendingupload', uploadExpiry: { lte: now } },
    select: { uid: true, size: true, uploadExpiry: true, uploadMethod: true },
    orderBy: { uploadExpiry: 'asc' },
    take: 500,
  });
  let expired = 0;
  for (const video of due) {
    const hasExpired = await withUploadLock(video.uid, async () => {
      // The bytes may all be there when a crash came between the last byte and the catalog
      // (tus only: a basic upload's size is known only once its POST has ended).
      if (video.uploadMethod === 'tus' && (await isUploadComplete(video.uid, video.size))) {
        await markUploadComplete(video.uid);
        return false;
      }
      const { count } = await db.video.updateMany({
        where: { uid: video.uid, state: 'pendingupload', uploadExpiry: { lte: now } },
        data: {
          state: 'error',
          errorReasonCode: ERROR_REASONS.ERR_UPLOAD_EXPIRED,
          errorReasonText: `The upload did not finish before its URL expired at ${video.uploadExpiry.toISOString()}.`,
        },
      });
      if (count === 0) return false;
      runningDigests().forget(video.uid);
      await removeUploadFiles(video.uid);
      return true;
    });
    if (hasExpired) {
      expired += 1;
      await enqueueVideoNotice(video.uid);
    }
  }
  return expired;
}
