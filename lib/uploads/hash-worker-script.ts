import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The uploader's Web Worker that hashes a whole file (sha256, hash-wasm's WebAssembly build),
 * served as one same-origin script: hash-wasm's standalone UMD file followed by the worker's
 * own few lines. (The bundler does not turn `new Worker(new URL(...))` into a worker chunk in
 * this Next.js build, so the worker is served rather than bundled.) Answers `{sha256}` or
 * `{error}` (`NotReadableError` when the file changed or vanished on the device).
 */

const WORKER = `
const SLICE_BYTES = 8 * 1024 * 1024;
self.onmessage = async (event) => {
  const file = event.data;
  try {
    const hasher = await self.hashwasm.createSHA256();
    for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
      hasher.update(new Uint8Array(await file.slice(offset, offset + SLICE_BYTES).arrayBuffer()));
    }
    self.postMessage({ sha256: hasher.digest('hex') });
  } catch (error) {
    self.postMessage({ error: error && error.name ? error.name : 'Error' });
  }
};
`;

let script: Promise<string> | undefined;

export function hashWorkerScript(): Promise<string> {
  script ??= fs
    .readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules/hash-wasm/dist/sha256.umd.min.js'), 'utf8')
    .then((library) => `${library}\n${WORKER}`);
  return script;
}
