import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

/**
 * Sends a file with single-range support (RFC 9110): 200, 206 or 416, always with
 * Content-Length (Next's route handlers drop it, and a 1 GB download needs it).
 */

type ByteRange = { start: number; end: number };

/** The one range a `Range` header asks for; null to send the whole file; 'unsatisfiable' for 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or a unit we do not know: the whole file is a valid answer.
  if (!match) return null;
  const [, first, last] = match as unknown as [string, string, string];
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export type FileInfo = { path: string; size: number; contentType: string; etag: string; headers?: Record<string, string> };

export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileInfo): Promise<void> {
  const { size } = file;
  const headers: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    'Content-Type': file.contentType,
    'X-Content-Type-Options': 'nosniff',
    ETag: file.etag,
    ...file.headers,
  };
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== file.etag ? null : parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers['Content-Length'] = String(end - start + 1);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(file.path, { start, end }), res);
  } catch {
    // The client went away, or the file was deleted while being read: the connection ends.
    res.destroy();
  }
}
