import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '@/lib/errors';
import { uploadFilePath } from '@/lib/storage/upload-files';

/**
 * Streams the `file` field of a `multipart/form-data` body to the video's file, never
 * holding more than a chunk in memory. The size limit holds while streaming: past it the
 * body is no longer read and TOO_LARGE is thrown (the caller removes what was written).
 * Other fields and other files are read past and dropped.
 */

export type ReceivedFile = { size: number; sha256: string; filename: string; mimeType: string };

const FIELD = 'file';

export function formatLimit(bytes: number): string {
  return bytes >= 1_000_000 ? `${Number((bytes / 1_000_000).toFixed(1))} MB` : `${bytes} bytes`;
}

export function tooLargeError(limit: number): AppError {
  return new AppError('TOO_LARGE', `The file is larger than the limit of ${formatLimit(limit)} for a basic upload. Use a tus upload for larger files.`);
}

export function receiveMultipartFile(body: Readable, contentType: string, uid: string, limit: number): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: limit, fields: 50, fieldSize: 64 * 1024, parts: 100 } });
    } catch {
      reject(new AppError('BAD_REQUEST', 'The body must be multipart/form-data with a boundary, the file in the field "file".'));
      return;
    }
    let settled = false;
    let received: Promise<ReceivedFile> | null = null;
    let fileStream: Readable | null = null;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      // Ends the file's pipeline, which closes the file.
      fileStream?.destroy();
      parser.removeAllListeners();
      parser.on('error', () => {});
      reject(error);
    };

    parser.on('file', (name, stream, info) => {
      if (name !== FIELD || received) {
        stream.resume();
        return;
      }
      fileStream = stream;
      const hash = createHash('sha256');
      let size = 0;
      const count = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          hash.update(chunk);
          done(null, chunk);
        },
      });
      stream.once('limit', () => fail(tooLargeError(limit)));
      received = pipeline(stream, count, fs.createWriteStream(uploadFilePath(uid))).then(() => ({
        size,
        sha256: hash.digest('hex'),
        filename: info.filename ?? '',
        mimeType: info.mimeType ?? '',
      }));
      received.catch(fail);
    });
    parser.once('error', (error: Error) => fail(new AppError('BAD_REQUEST', `The multipart body is malformed: ${error.message}.`)));
    parser.once('close', () => {
      if (!received) return fail(new AppError('BAD_REQUEST', `The form has no file in the field "${FIELD}".`));
      received.then((file) => {
        if (settled) return;
        settled = true;
        resolve(file);
      }, fail);
    });
    const interrupted = () => fail(new AppError('BAD_REQUEST', 'The upload was interrupted before the whole body arrived.'));
    body.once('error', interrupted);
    body.once('aborted', interrupted);
    body.pipe(parser);
  });
}
