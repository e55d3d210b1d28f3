import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { processSingleton } from '@/lib/process-singleton';

/**
 * Hashing on a worker thread, so that it does not take the event loop's core from the bytes
 * being received and the pages being served: a PATCH's Upload-Checksum digest (on 2 cores,
 * sha256 on the main thread cut checksummed 8 MiB PATCHes to 0.79× the throughput of plain
 * ones), and the whole file's sha256 at completion (about 0.8 s per GiB, which on the main
 * thread held up every other request meanwhile). A PATCH's bytes go to the worker in batches
 * of about BATCH_BYTES (one copy each; the stream's own chunks stay with the file write); a
 * file the worker reads itself. One worker per process serves every upload; should it die,
 * each hash then in flight fails (its request answers an error, the client resends) and the
 * next hash starts a new one.
 */

export type OffThreadHash = {
  update(chunk: Buffer): void;
  /** The digest of everything passed to update. */
  digest(): Promise<Buffer>;
  /** Forget this hash (the request failed): its bytes are not needed. */
  discard(): void;
};

const BATCH_BYTES = 1024 * 1024;

// The worker's code, evaluated as CommonJS: no file to resolve from server.ts or Next's bundle.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const hashes = new Map();
parentPort.on('message', (message) => {
  const { type, id } = message;
  if (type === 'update') {
    let hash = hashes.get(id);
    if (!hash) hashes.set(id, (hash = createHash(message.algorithm)));
    hash.update(message.bytes);
  } else if (type === 'digest') {
    const hash = hashes.get(id) ?? createHash(message.algorithm);
    hashes.delete(id);
    parentPort.postMessage({ id, digest: hash.digest() });
  } else if (type === 'discard') {
    hashes.delete(id);
  } else if (type === 'file') {
    const hash = createHash(message.algorithm);
    const stream = fs.createReadStream(message.path, { highWaterMark: 1024 * 1024 });
    stream.on('data', (chunk) => hash.update(chunk));
    stream.once('error', (error) => parentPort.postMessage({ id, error: { message: error.message, code: error.code } }));
    stream.once('end', () => parentPort.postMessage({ id, digest: hash.digest() }));
  }
});
`;

type Pending = { resolve: (digest: Buffer) => void; reject: (error: Error) => void };

class HashWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  newId(): number {
    return this.nextId++;
  }

  post(message: { type: 'update'; id: number; algorithm: string; bytes: Buffer } | { type: 'discard'; id: number }): void {
    const worker = this.running();
    if (message.type === 'update') {
      const { bytes } = message;
      // A batch made by Buffer.concat owns its memory: handed over, not copied again.
      const owns = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      worker.postMessage(message, owns ? [bytes.buffer as ArrayBuffer] : []);
    } else {
      worker.postMessage(message);
    }
  }

  /** The digest of an id's updates, or (with `path`) of a file the worker reads. */
  digest(id: number, algorithm: string, path?: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.running().postMessage(path === undefined ? { type: 'digest', id, algorithm } : { type: 'file', id, algorithm, path });
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'upload-checksums' });
    // Idle, it does not keep the process alive.
    worker.unref();
    type Reply = { id: number; digest?: Uint8Array; error?: { message: string; code?: string } };
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
    worker.on('exit', (code) => fail(new Error(`The checksum worker stopped (exit code ${code}).`)));
    this.worker = worker;
    return worker;
  }
}

const hashWorker = () => processSingleton('upload-hash-worker', () => new HashWorker());

export function createOffThreadHash(algorithm: string): OffThreadHash {
  createHash(algorithm); // an unknown algorithm fails here, in the caller, not in the worker
  const worker = hashWorker();
  const id = worker.newId();
  let batch: Buffer[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batchBytes === 0) return;
    worker.post({ type: 'update', id, algorithm, bytes: Buffer.concat(batch, batchBytes) });
    batch = [];
    batchBytes = 0;
  };
  return {
    update(chunk) {
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= BATCH_BYTES) flush();
    },
    digest() {
      flush();
      return worker.digest(id, algorithm);
    },
    discard() {
      batch = [];
      batchBytes = 0;
      worker.post({ type: 'discard', id });
    },
  };
}

/** The digest of a file, read and hashed on the worker thread. */
export function hashFileOffThread(path: string, algorithm = 'sha256'): Promise<Buffer> {
  createHash(algorithm);
  const worker = hashWorker();
  return worker.digest(worker.newId(), algorithm, path);
}
