/**
 * End-to-end integrity on the device's side: the sha256 of the whole file (in a Web Worker,
 * hash-wasm) to compare with the server's once the last byte is stored, and the sha256 of each
 * PATCH's bytes (Web Crypto) for the tus checksum extension. Both read the file again; a file
 * that changed on the device since it was chosen cannot be read (NotReadableError).
 */

export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

/** Each PATCH carries this many bytes at most: the bytes a dropped connection costs (they fail their checksum). */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export function hashWholeFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker('/uploader/hash-worker.js');
    worker.onmessage = (event: MessageEvent<{ sha256?: string; error?: string }>) => {
      worker.terminate();
      if (event.data.sha256) resolve(event.data.sha256);
      else reject(event.data.error === 'NotReadableError' || event.data.error === 'NotFoundError' ? new FileChangedError() : new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The file could not be hashed.'));
    };
    worker.postMessage(file);
  });
}

function base64(bytes: ArrayBuffer): string {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * `Upload-Checksum` for the bytes a PATCH from `offset` sends, or null where Web Crypto is not
 * available (a page served over plain http from another host than localhost).
 */
export async function chunkChecksum(file: Blob, offset: number, chunkBytes = CHUNK_BYTES): Promise<string | null> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  let bytes: ArrayBuffer;
  try {
    bytes = await file.slice(offset, offset + chunkBytes).arrayBuffer();
  } catch {
    throw new FileChangedError();
  }
  return `sha256 ${base64(await crypto.subtle.digest('SHA-256', bytes))}`;
}

/**
 * chunkChecksum, one chunk ahead: asked for the PATCH from `offset`, it also starts hashing the
 * next chunk, so that hash runs while this chunk is on the wire and the next PATCH need not wait
 * for it. A retry of the same chunk (after a 460) reads and hashes it again.
 */
export function pipelinedChunkChecksums(file: Blob, chunkBytes = CHUNK_BYTES): (offset: number) => Promise<string | null> {
  let ahead: { offset: number; checksum: Promise<string | null> } | null = null;
  return (offset) => {
    const checksum = ahead?.offset === offset ? ahead.checksum : chunkChecksum(file, offset, chunkBytes);
    const next = offset + chunkBytes;
    ahead = next < file.size ? { offset: next, checksum: chunkChecksum(file, next, chunkBytes) } : null;
    // A file that changed shows when that chunk's turn comes, not as an unhandled rejection now.
    ahead?.checksum.catch(() => {});
    return checksum;
  };
}

/** The hex sha256 in an RFC 9530 `Repr-Digest: sha-256=:<base64>:` header, or null. */
export function digestFromHeader(header: string | null | undefined): string | null {
  const match = /sha-256=:([A-Za-z0-9+/]+=*):/.exec(header ?? '');
  if (!match) return null;
  const binary = atob(match[1]!);
  return Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/**
 * The verdict once the server has every byte: this device's sha256 of the file against the
 * server's of what it stored. `unknown` when either is missing (no Web Worker, an older server).
 */
export async function compareWithServer(localSha256: Promise<string> | null, serverSha256: string | null): Promise<'verified' | 'changed' | 'unknown'> {
  const local = await localSha256?.catch((error: unknown) => (error instanceof FileChangedError ? 'changed' : null));
  if (local === 'changed') return 'changed';
  if (!local || !serverSha256) return 'unknown';
  return local === serverSha256 ? 'verified' : 'changed';
}
