import fs from 'node:fs';
import { MemoryLocker, type Locker } from '@tus/server';
import { getEnv } from '@/lib/env';
import { countBytesReceived } from '@/lib/metrics/metrics';
import { processSingleton } from '@/lib/process-singleton';
import { ChecksumFileStore } from './checksum-store';
import { createRedisLocker } from './redis-locker';

/** The upload files on disk, shared by the mint (creates) and the tus endpoint (writes). */
export function getUploadStore(): ChecksumFileStore {
  return processSingleton('upload-store', () => {
    const directory = getEnv().uploadDir;
    fs.mkdirSync(directory, { recursive: true });
    // Expiry is per upload and kept in the catalog, not in the store.
    const store = new ChecksumFileStore({ directory, expirationPeriodInMilliseconds: 0 });
    // Bytes received: what each write stored (an interrupted PATCH keeps, and counts, what arrived).
    const write = store.write.bind(store);
    store.write = async (readable, id, offset) => {
      const end = await write(readable, id, offset);
      countBytesReceived(end - offset);
      return end;
    };
    return store;
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
