import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { storedBytes } from '@/lib/storage/upload-files';

/**
 * The disk guard (MIN_FREE_DISK_BYTES): the upload folder's free space, measured with statfs
 * (what a non-root writer may still use), less the bytes already promised to uploads that are
 * still arriving, must stay above the threshold. No peer (tusd, @tus/server) does this.
 */

export async function freeDiskBytes(directory = getEnv().uploadDir): Promise<number> {
  const stats = await fs.statfs(directory);
  return stats.bavail * stats.bsize;
}

/** Bytes that uploads still arriving will write: each one's declared size less what it stored so far. */
export async function promisedBytes(): Promise<number> {
  const pending = await getDb().video.findMany({ where: { state: { in: ['pendingupload', 'downloading'] } }, select: { uid: true, size: true } });
  let total = 0;
  for (const video of pending) {
    const stored = (await storedBytes(video.uid).catch(() => null)) ?? 0;
    total += Math.max(0, Number(video.size) - stored);
  }
  return total;
}

/** A new upload of `size` bytes fits: else 507, saying so. */
export async function assertDiskRoom(size: number): Promise<void> {
  const { uploadDir, limits } = getEnv();
  await fs.mkdir(uploadDir, { recursive: true });
  const [free, promised] = await Promise.all([freeDiskBytes(uploadDir), promisedBytes()]);
  if (free - promised - size < limits.minFreeDiskBytes) {
    throw new AppError(
      'INSUFFICIENT_STORAGE',
      'The server does not have enough free disk space for this upload right now. Nothing was stored; try again later, or ask an admin to free some space.',
    );
  }
}
