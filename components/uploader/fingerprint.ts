/**
 * Tells files apart for resuming: size plus a hash of three 64 KiB samples (start, middle,
 * end). Not the file name or lastModified: a phone's camera roll picker can hand the same
 * video over with a fresh name or time on every pick, and that must still resume.
 */

const SAMPLE_BYTES = 64 * 1024;

/** cyrb53-style 64-bit hash: fast, good spread, and the same in every browser context
 * (crypto.subtle exists only on https or localhost). Not a security boundary. */
function hashBytes(chunks: Uint8Array[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const bytes of chunks) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      h1 = Math.imul(h1 ^ b, 2654435761);
      h2 = Math.imul(h2 ^ b, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export async function fingerprintFile(file: Blob): Promise<string> {
  const size = file.size;
  const middle = Math.max(0, Math.floor(size / 2) - SAMPLE_BYTES / 2);
  const samples = [file.slice(0, SAMPLE_BYTES), file.slice(middle, middle + SAMPLE_BYTES), file.slice(Math.max(0, size - SAMPLE_BYTES))];
  const buffers = await Promise.all(samples.map(async (blob) => new Uint8Array(await blob.arrayBuffer())));
  return `v1.${size}.${hashBytes(buffers)}`;
}
