import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { Upload } from '@tus/server';
import { storedBytes, unverifiedMarkerPath } from '@/lib/storage/upload-files';
import { CHECKSUM_MISMATCH, currentExpectedChecksum } from './checksum';
import { runningDigests } from './running-digest';

/**
 * @tus/file-store with the checksum extension: when the request carries Upload-Checksum, the
 * body is hashed on its way to disk; on a mismatch (or a body cut short, whose digest cannot
 * match) the file is cut back to the offset the request started at, while the upload's lock
 * is still held, so no later request ever sees those bytes. A marker file keeps the starting
 * offset while the bytes are unverified, so that a process killed mid-PATCH cannot leave
 * unverified bytes behind: the next holder of the lock (HEAD or PATCH, here or on another
 * instance) cuts them off before it reads the offset. The same 'data' events feed the
 * whole file's running sha256 (running-digest.ts).
 */
export class ChecksumFileStore extends FileStore {
  override async getUpload(id: string): Promise<Upload> {
    await this.dropUnverifiedTail(id);
    return super.getUpload(id);
  }

  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const checksum = currentExpectedChecksum();
    const digest = runningDigests().begin(id, offset);
    if (checksum) await fs.writeFile(unverifiedMarkerPath(id), String(offset));
    const hash = checksum ? createHash(checksum.algorithm) : null;
    let fed = 0;
    // The body is hashed as it flows to the file, from the same 'data' events the file store's
    // pipe reads: no stream in between (a Transform here cost more CPU than the hash). The
    // listener goes on in the same tick as the store's pipeline, so no chunk flows before both
    // listen. The PATCH's own checksum is on the event loop's thread: it must be known before
    // the answer, and handing each chunk to a worker cost more CPU than the hash (bench
    // --only-checksums: +1.7 against +0.9 server CPU s/GiB); so is the whole file's (running-digest.ts).
    if (hash || digest) {
      readable.on('data', (chunk: Buffer) => {
        hash?.update(chunk);
        digest?.update(chunk);
        fed += chunk.length;
      });
    }
    let written: number;
    try {
      written = await super.write(readable, id, offset);
    } catch (error) {
      if (checksum) await this.truncateTo(id, offset);
      // A body cut off (the client went away): what reached the file still counts, when all of it did.
      else if (digest && (await storedBytes(id).catch(() => null)) === offset + fed) digest.commit(offset + fed);
      throw error;
    }
    // A body cut short cannot match its digest.
    if (hash && (!readable.readableEnded || !hash.digest().equals(checksum!.digest))) {
      await this.truncateTo(id, offset);
      throw CHECKSUM_MISMATCH;
    }
    if (checksum) await fs.rm(unverifiedMarkerPath(id), { force: true });
    if (digest && written === offset + fed) digest.commit(written);
    else runningDigests().forget(id);
    return written;
  }

  /** Bytes a dead writer left unverified: cut off (the caller holds the upload's lock). */
  private async dropUnverifiedTail(id: string): Promise<void> {
    const marker = await fs.readFile(unverifiedMarkerPath(id), 'utf8').catch(() => null);
    if (marker === null) return;
    const offset = Number(marker);
    if (Number.isSafeInteger(offset) && offset >= 0) await fs.truncate(this.filePath(id), offset).catch(() => {});
    await fs.rm(unverifiedMarkerPath(id), { force: true });
  }

  private async truncateTo(id: string, offset: number): Promise<void> {
    await fs.truncate(this.filePath(id), offset).catch(() => {});
    await fs.rm(unverifiedMarkerPath(id), { force: true });
  }

  private filePath(id: string): string {
    return path.join(this.directory, id);
  }
}
