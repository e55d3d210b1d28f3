import fs from 'node:fs/promises';
import { getEnv } from '@/lib/env';

/** Free and total bytes of the file system that holds UPLOAD_DIR (statfs), or null when it cannot be read. */
export async function readDiskSpace(): Promise<{ freeBytes: number; totalBytes: number } | null> {
  try {
    const stats = await fs.statfs(getEnv().uploadDir);
    // bavail: what an unprivileged process may still use (root's reserve excluded).
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}
