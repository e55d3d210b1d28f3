import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { processSingleton } from '@/lib/process-singleton';

/**
 * A whole file's digest, read and hashed on a worker thread: at completion the upload's sha256
 * costs about 0.8 s of a core per GiB, which on the event loop's thread held up every other
 * request meanwhile (other uploads' bytes, pages). One worker per process serves every upload;
 * should it die, each hash then in flight fails (the request answers an error, the client
 * resends) and the next hash starts a new one. (A PATCH's own Upload-Checksum stays on the
 * event loop: handing its bytes to a thread cost more CPU than the hash; see checksum-store.)
 */

// The worker's code, evaluated as CommonJS: no file to resolve from server.ts or Next's bundle.
// Two files at a time, the rest wait their turn: on its one thread more at once would not finish
// sooner, and each file being read holds its read buffers (100 uploads ending together held
// ~400 MiB of them: bench --only-parallel, peak RSS).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const waiting = [];
let active = 0;
function next() {
  if (active >= 2 || waiting.length === 0) return;
  const { id, algorithm, path } = waiting.shift();
  active += 1;
  const done = (message) => { active -= 1; parentPort.postMessage(message); next(); };
  const hash = createHash(algorithm);
  const stream = fs.createReadStream(path, { highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => hash.update(chunk));
  stream.once('error', (error) => done({ id, error: { message: error.message, code: error.code } }));
  stream.once('end', () => done({ id, digest: hash.digest() }));
}
parentPort.on('message', (job) => { waiting.push(job); next(); });
`;

type Pending = { resolve: (digest: Buffer) => void; reject: (error: Error) => void };
type Reply = { id: number; digest?: Uint8Array; error?: { message: string; code?: string } };

class HashWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  hashFile(path: string, algorithm: string): Promise<Buffer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.running().postMessage({ id, algorithm, path });
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'file-hashes' });
    // Idle, it does not keep the process alive.
    worker.unref();
    worker.on('message', ({ id, digest, error }: Reply) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (digest) waiting?.resolve(Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength));
      else waiting?.reject(Object.assign(new Error(error?.message ?? 'Hashing failed.'), { code: error?.code }));
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`The hashing worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }
}

/** The digest of a file, read and hashed on the worker thread. An unknown algorithm fails here, in the caller. */
export function hashFileOffThread(path: string, algorithm = 'sha256'): Promise<Buffer> {
  createHash(algorithm);
  return processSingleton('file-hash-worker', () => new HashWorker()).hashFile(path, algorithm);
}
