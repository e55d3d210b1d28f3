import { type Readable, Transform } from 'node:stream';
import { getEnv } from '@/lib/env';
import { tusServerError } from '@/lib/http/error-response';
import { processSingleton } from '@/lib/process-singleton';
import { freeDiskBytes } from './disk-space';

/**
 * The disk guard on an upload's incoming bytes: passes them on while the upload folder keeps
 * more than MIN_FREE_DISK_BYTES free, and ends the stream cleanly at the byte that would go
 * below it. Everything before that byte is written and kept (the client's next HEAD counts
 * it), and the client resumes from there once space is back.
 */

/** How long one statfs serves every upload of this process (less the bytes they wrote since). */
const FRESH_MS = 250;

/**
 * The upload folder's free space as this process's writers see it: one statfs at most every
 * FRESH_MS, less what they wrote since (a statfs per MiB of every upload cost a thread-pool
 * round trip each: 1024 per GiB). Another process's writes show within FRESH_MS; a chunk that
 * would not fit is always measured again before it is refused.
 */
class FreeSpace {
  private measured: { at: number; bytes: number } | null = null;
  private measuring: Promise<void> | null = null;
  private writtenSince = 0;

  constructor(private readonly directory: string) {}

  /** The free bytes without waiting, or null when a statfs is due. */
  known(): number | null {
    if (!this.measured || Date.now() - this.measured.at > FRESH_MS) return null;
    return this.measured.bytes - this.writtenSince;
  }

  async measure(): Promise<number> {
    this.measuring ??= freeDiskBytes(this.directory)
      .then((bytes) => {
        this.measured = { at: Date.now(), bytes };
        this.writtenSince = 0;
      })
      .finally(() => (this.measuring = null));
    await this.measuring;
    return this.measured!.bytes - this.writtenSince;
  }

  wrote(bytes: number): void {
    this.writtenSince += bytes;
  }
}

const freeSpaceOf = (directory: string) => processSingleton(`free-space:${directory}`, () => new FreeSpace(directory));

/** What the tus handler answers for a PATCH the guard stopped (@tus/server's error shape). */
export const DISK_FULL = tusServerError(
  'INSUFFICIENT_STORAGE',
  'The server is out of disk space for uploads. The bytes received so far were kept; ask with HEAD for the offset and resume later.',
);

export type DiskGuard = { stream: Readable; isTripped: () => boolean };

export function guardDiskSpace(source: Readable, directory = getEnv().uploadDir): DiskGuard {
  const { minFreeDiskBytes } = getEnv().limits;
  const space = freeSpaceOf(directory);
  let tripped = false;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const known = space.known();
      // The usual case: room known and enough, passed on in the same tick.
      if (known !== null && chunk.length <= known - minFreeDiskBytes) {
        space.wrote(chunk.length);
        return callback(null, chunk);
      }
      space.measure().then(
        (free) => {
          const allowance = free - minFreeDiskBytes;
          if (chunk.length <= allowance) {
            space.wrote(chunk.length);
            return callback(null, chunk);
          }
          const fits = chunk.subarray(0, Math.max(0, allowance));
          if (fits.length > 0) {
            space.wrote(fits.length);
            this.push(fits);
          }
          tripped = true;
          source.unpipe(guard);
          callback();
          guard.end();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  source.pipe(guard);
  return { stream: guard, isTripped: () => tripped };
}
