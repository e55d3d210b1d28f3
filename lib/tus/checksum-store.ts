import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import { CHECKSUM_MISMATCH, createChecksumHash, currentExpectedChecksum } from './checksum';

/**
 * @tus/file-store with the checksum extension: when the request carries Upload-Checksum, the
 * body is hashed on its way to disk; on a mismatch (or a body cut short, whose digest cannot
 * match) the file is cut back to the offset the request started at, while the upload's lock
 * is still held, so no later request ever sees those bytes.
 */
export class ChecksumFileStore extends FileStore {
  override async write(readable: Readable, id: string, offset: number): Promise<number> {
    const checksum = currentExpectedChecksum();
    if (!checksum) return super.write(readable, id, offset);
    const hash = createChecksumHash(checksum);
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    readable.pipe(hashing);
    readable.once('error', (error) => hashing.destroy(error));
    let written: number;
    try {
      written = await super.write(hashing, id, offset);
    } catch (error) {
      await this.truncateTo(id, offset);
      throw error;
    }
    const isComplete = readable.readableEnded;
    if (!isComplete || !hash.digest().equals(checksum.digest)) {
      await this.truncateTo(id, offset);
      throw CHECKSUM_MISMATCH;
    }
    return written;
  }

  private async truncateTo(id: string, offset: number): Promise<void> {
    await fs.truncate(this.filePath(id), offset).catch(() => {});
  }

  private filePath(id: string): string {
    return path.join(this.directory, id);
  }
}
