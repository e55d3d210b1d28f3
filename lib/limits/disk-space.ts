import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/process-singleton';
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

/** How long one reading of the promised bytes serves this process's mints. */
const PROMISED_FRESH_MS = 1_000;

/** Bytes that uploads still arriving will write: each one's declared size less what it stored so far. */
async function readPromisedBytes(): Promise<number> {
  const pending = await getDb().video.findMany({ where: { state: { in: ['pendingupload', 'downloading'] } }, select: { uid: true, size: true } });
  let total = 0;
  for (const video of pending) {
    const stored = (await storedBytes(video.uid).catch(() => null)) ?? 0;
    total += Math.max(0, Number(video.size) - stored);
  }
  return total;
}

/**
 * The promised bytes, read at most once a second per process (one catalog query and a stat per
 * upload in flight: with 100 uploads arriving, 100 mints at once each read all 100), plus what
 * this process admitted since. Another instance's admissions show up within that second; the
 * guard on every write (disk-guard.ts) is what holds the line byte for byte.
 */
class PromisedBytes {
  private reading: { at: number; bytes: Promise<number> } | null = null;
  private admittedSince = 0;

  async current(): Promise<number> {
    if (!this.reading || Date.now() - this.reading.at > PROMISED_FRESH_MS) {
      const bytes = readPromisedBytes();
      this.reading = { at: Date.now(), bytes };
      this.admittedSince = 0;
      // A failed reading is not kept (a newer one may already have replaced it).
      bytes.catch(() => {
        if (this.reading?.bytes === bytes) this.reading = null;
      });
    }
    return (await this.reading.bytes) + this.admittedSince;
  }

  admit(size: number): void {
    this.admittedSince += size;
  }
}

const promised = () => processSingleton('promised-bytes', () => new PromisedBytes());

/** A new upload of `size` bytes fits: else 507, saying so. */
export async function assertDiskRoom(size: number): Promise<void> {
  const { uploadDir, limits } = getEnv();
  await ensureFolder(uploadDir);
  const [free, promisedNow] = await Promise.all([freeDiskBytes(uploadDir), promised().current()]);
  if (free - promisedNow - size < limits.minFreeDiskBytes) {
    throw new AppError(
      'INSUFFICIENT_STORAGE',
      'The server does not have enough free disk space for this upload right now. Nothing was stored; try again later, or ask an admin to free some space.',
    );
  }
  promised().admit(size);
}

const madeFolders = processSingleton('made-upload-folders', () => new Set<string>());

/** The upload folder exists (made once per process; statfs needs it before the first upload). */
async function ensureFolder(directory: string): Promise<void> {
  if (madeFolders.has(directory)) return;
  await fs.mkdir(directory, { recursive: true });
  madeFolders.add(directory);
}
