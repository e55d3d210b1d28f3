import { getDb } from '@/lib/db/client';
import { listStoredUids, removeUploadFiles } from '@/lib/storage/upload-files';
import { withUploadLock } from '@/lib/upload-store/store';
import { isGone } from './states';
import { isUploadComplete, markUploadComplete } from './upload-transitions';

/**
 * Repairs what a crash can leave between the catalog and the disk:
 * - every byte arrived but the process died before the row moved on: the row moves to `queued`;
 * - files whose video was deleted, cancelled or expired: the files are removed.
 * Rows are created before their files, so a file without a row is always left over.
 */
export async function reconcileUploads(): Promise<{ completed: number; removed: number }> {
  const db = getDb();
  let completed = 0;
  // tus only: a basic upload's size is known only once its POST has ended.
  const pending = await db.video.findMany({ where: { state: 'pendingupload', uploadMethod: 'tus' }, select: { uid: true, size: true } });
  for (const video of pending) {
    if ((await isUploadComplete(video.uid, video.size)) && (await markUploadComplete(video.uid))) completed += 1;
  }

  let removed = 0;
  const stored = await listStoredUids();
  for (let i = 0; i < stored.length; i += 500) {
    const batch = stored.slice(i, i + 500);
    const rows = await db.video.findMany({ where: { uid: { in: batch } }, select: { uid: true, state: true, errorReasonCode: true } });
    const keep = new Set(rows.filter((row) => !isGone(row)).map((row) => row.uid));
    for (const uid of batch) {
      if (keep.has(uid)) continue;
      await withUploadLock(uid, async () => {
        // Look again under the lock: a row may have been created since.
        const row = await db.video.findUnique({ where: { uid }, select: { state: true, errorReasonCode: true } });
        if (row && !isGone(row)) return;
        await removeUploadFiles(uid);
        removed += 1;
      });
    }
  }
  return { completed, removed };
}
