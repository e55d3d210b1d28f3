import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isMediaId } from '@/lib/universal/is-media-id';
import { removeUploadFiles } from '@/lib/storage/upload-files';
import { withUploadLock } from '@/lib/upload-store/store';

/**
 * Removes a video: its row first (the upload URL answers 404 from then on), then its
 * files. An upload in flight is ended. Files left by a crash in between are swept up by
 * the reconcile job.
 */
export async function deleteVideo(uid: string): Promise<void> {
  if (!isMediaId(uid)) throw new AppError('NOT_FOUND', `No video with the id "${uid.slice(0, 64)}".`);
  await withUploadLock(uid, async () => {
    await getDb().video.deleteMany({ where: { uid } });
    await removeUploadFiles(uid);
  });
}
