import { createHash, type Hash } from 'node:crypto';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The whole file's sha256, computed while the bytes arrive, so the last PATCH need not read the
 * file again (about 1 s of a core per GiB here, which the client waited for before its 204).
 * On the event loop's thread, from the chunks it already holds: handing them to a worker thread
 * in 1 MiB pieces was tried and cost more (bench --only-upload: the event loop no less busy,
 * +1.2 s/GiB on the worker, +100 MiB peak RSS).
 *
 * A running hash is kept per upload in this process, with the number of bytes it has seen. A
 * PATCH continues it only when it starts exactly there; otherwise (another instance or a restart
 * took bytes in between, a takeover cut a body short) the hash is dropped and the digest is
 * computed from the file at completion, as before. Node cannot save a Hash's state outside the
 * process, so this is a cache: losing it costs one read of the file, never a wrong digest. Each
 * PATCH feeds a copy of the upload's hash and keeps it only once its bytes are on disk (and
 * verified when it carried Upload-Checksum), so a refused body never reaches the digest.
 */

/** Uploads in flight whose hashes are kept (a Hash is a few hundred bytes); the oldest go first. */
const MAX_KEPT = 10_000;

/** One request body's bytes on their way into an upload's running hash; a body not committed changes nothing. */
export type DigestFeed = { update(chunk: Buffer): void; commit(length: number): void };

type Running = { hash: Hash; length: number };

class RunningDigests {
  private readonly byUpload = new Map<string, Running>();

  /** A feed for a body that starts at `offset`: continuing the upload's hash when it has seen exactly `offset` bytes, a new one at 0, else null. */
  begin(id: string, offset: number): DigestFeed | null {
    const running = this.byUpload.get(id);
    const continues = running?.length === offset;
    if (!continues) this.byUpload.delete(id);
    if (!continues && offset !== 0) return null;
    const hash = continues ? running!.hash.copy() : createHash('sha256');
    return {
      update: (chunk) => hash.update(chunk),
      commit: (length) => {
        this.byUpload.delete(id);
        this.byUpload.set(id, { hash, length });
        if (this.byUpload.size > MAX_KEPT) this.byUpload.delete(this.byUpload.keys().next().value!);
      },
    };
  }

  /** The sha256 (hex) of the upload's first `length` bytes when this process saw them all arrive; the hash is let go either way. */
  take(id: string, length: number): string | null {
    const running = this.byUpload.get(id);
    this.byUpload.delete(id);
    return running?.length === length ? running.hash.digest('hex') : null;
  }

  forget(id: string): void {
    this.byUpload.delete(id);
  }
}

export function runningDigests(): RunningDigests {
  return processSingleton('running-digests', () => new RunningDigests());
}
