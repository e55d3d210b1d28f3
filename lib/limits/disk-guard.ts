import { type Readable, Transform } from 'node:stream';
import { getEnv } from '@/lib/env';
import { tusServerError } from '@/lib/http/error-response';
import { freeDiskBytes } from './disk-space';

/**
 * The disk guard on an upload's incoming bytes: passes them on while the upload folder keeps
 * more than MIN_FREE_DISK_BYTES free, and ends the stream cleanly at the byte that would go
 * below it. Everything before that byte is written and kept (the client's next HEAD counts
 * it), and the client resumes from there once space is back.
 */

const CHECK_EVERY_BYTES = 1024 * 1024;

/** What the tus handler answers for a PATCH the guard stopped (@tus/server's error shape). */
export const DISK_FULL = tusServerError(
  'INSUFFICIENT_STORAGE',
  'The server is out of disk space for uploads. The bytes received so far were kept; ask with HEAD for the offset and resume later.',
);

export type DiskGuard = { stream: Readable; isTripped: () => boolean };

export function guardDiskSpace(source: Readable, directory = getEnv().uploadDir): DiskGuard {
  const { minFreeDiskBytes } = getEnv().limits;
  const room = async () => (await freeDiskBytes(directory)) - minFreeDiskBytes;
  let allowance: number | null = null;
  let sinceCheck = 0;
  let tripped = false;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      void (async () => {
        if (allowance === null || sinceCheck >= CHECK_EVERY_BYTES || chunk.length > allowance) {
          allowance = await room();
          sinceCheck = 0;
        }
        if (chunk.length <= allowance) {
          allowance -= chunk.length;
          sinceCheck += chunk.length;
          callback(null, chunk);
          return;
        }
        const fits = chunk.subarray(0, Math.max(0, allowance));
        if (fits.length > 0) this.push(fits);
        tripped = true;
        source.unpipe(guard);
        callback();
        guard.end();
      })().catch((error: unknown) => callback(error as Error));
    },
  });
  source.pipe(guard);
  return { stream: guard, isTripped: () => tripped };
}
