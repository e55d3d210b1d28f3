import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * The sha256 of a file, read once as a stream (1 MiB reads). Hashing once at completion costs
 * about 1.2 s of one core per GiB here (OpenSSL with SHA extensions), and right after the last
 * byte the file is still in the page cache; a running hash kept across resumes would need its
 * state saved outside the process (Node cannot serialise a Hash), for the same total work.
 */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), hash);
  return hash.digest('hex');
}
