import { hashFileOffThread } from './hash-off-thread';

/**
 * The sha256 of a file, read once on the hashing worker thread (1 MiB reads): about 0.8 s of
 * a core per GiB here (OpenSSL with SHA extensions), off the event loop; right after the last
 * byte the file is still in the page cache. A running hash kept across resumes would need its
 * state saved outside the process (Node cannot serialise a Hash), for the same total work.
 */
export async function sha256File(file: string): Promise<string> {
  return (await hashFileOffThread(file, 'sha256')).toString('hex');
}
