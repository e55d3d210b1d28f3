import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { MemoryLocker, type Locker } from '@tus/server';
import { getEnv } from '@/lib/env';
import { DISK_FULL, guardDiskSpace } from '@/lib/limits/disk-guard';
import { countBytesReceived } from '@/lib/metrics/metrics';
import { processSingleton } from '@/lib/process-singleton';
import { ChecksumFileStore } from './checksum-store';
import { createRedisLocker } from './redis-locker';

/**
 * The upload store: checksums (ChecksumFileStore), the disk guard (MIN_FREE_DISK_BYTES) on
 * every write, and the bytes-received metric.
 */
class GuardedFileStore extends ChecksumFileStore {
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const guard = guardDiskSpace(readable);
    let newOffset: number;
    try {
      newOffset = await super.write(guard.stream, id, offset);
    } catch (error) {
      // A checksummed PATCH cut short by the guard fails its digest: it is still a full disk.
      throw guard.isTripped() ? DISK_FULL : error;
    }
    countBytesReceived(newOffset - offset);
    // The bytes before the guard's stop are on disk; @tus/server answers this as 507.
    if (guard.isTripped()) throw DISK_FULL;
    return newOffset;
  }
}

/** The upload files on disk, shared by the mint (creates) and the tus endpoint (writes). */
export function getUploadStore(): ChecksumFileStore {
  return processSingleton('upload-store', () => {
    const directory = getEnv().uploadDir;
    fs.mkdirSync(directory, { recursive: true });
    // Expiry is per upload and kept in the catalog, not in the store.
    return new GuardedFileStore({ directory, expirationPeriodInMilliseconds: 0 });
  });
}

/**
 * Locks uploads against concurrent writers. Whoever asks for a held lock makes the holder
 * end its request (newer request wins). In-process on the embedded default; in Redis, for
 * every instance at once, when REDIS_URL is set.
 */
export function getUploadLocker(): Locker {
  return processSingleton('upload-locker', () => {
    const env = getEnv();
    return env.redisUrl ? createRedisLocker(env.redisUrl, env.redisKeyPrefix) : new MemoryLocker({ acquireLockTimeout: 30_000 });
  });
}

/** Runs `task` while holding the upload's lock; an in-flight PATCH on it is ended first. */
export async function withUploadLock<T>(uid: string, task: () => Promise<T>): Promise<T> {
  const lock = getUploadLocker().newLock(uid);
  await lock.lock(new AbortController().signal, async () => {
    // Our own work is short: whoever asks waits for it to finish.
  });
  try {
    return await task();
  } finally {
    await lock.unlock();
  }
}
