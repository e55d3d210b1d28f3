import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors';
import { sendError } from '@/lib/http/error-response';
import { DIRECT_PATH } from './create-direct-upload';
import { tooLargeError } from './receive-multipart-file';
import { basicUploadLimit, receiveBasicUpload } from './receive-basic-upload';
import { verifyUploadToken } from './upload-url';

/**
 * The one-time URL of a basic direct creator upload (`/api/direct/<token>`), served on
 * Node's own request and response so the body streams to disk. The URL is the credential:
 * no cookie or token, any origin (CORS). Answers are JSON in Cloudflare's envelope.
 */

const ALLOWED = 'POST, OPTIONS';
/** Room for the multipart framing around the file in a declared Content-Length. */
const FRAMING_BYTES = 64 * 1024;
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

function tokenFrom(url: string | undefined): string | null {
  const pathname = new URL(url ?? '/', 'http://localhost').pathname;
  const rest = pathname.slice(DIRECT_PATH.length + 1).replace(/\/$/, '');
  return rest === '' || rest.includes('/') ? null : rest;
}

function setCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : '*';
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Stream-Media-ID');
}

function sendJson(res: ServerResponse, status: number, result: unknown): void {
  const body = JSON.stringify({ success: true, errors: [], messages: [], result });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * After an early answer (e.g. 413 mid-body), the rest of the body is read and dropped for a
 * while, so that a browser still sending sees the answer instead of a reset connection.
 */
function drainForAWhile(req: IncomingMessage): void {
  if (req.complete) return;
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), 30_000);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
}

export async function handleDirectUploadRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  setCors(req, res);
  try {
    const token = tokenFrom(req.url);
    const verified = token ? verifyUploadToken(token, 'direct') : null;
    if (!verified) throw new AppError('NOT_FOUND', 'Upload not found: this upload URL is unknown or was altered.');
    res.setHeader('Stream-Media-ID', verified.uid);
    if (req.method === 'OPTIONS') {
      const asked = req.headers['access-control-request-headers']?.trim();
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOWED,
        'Access-Control-Allow-Headers': asked && HEADER_LIST.test(asked) ? asked : 'Content-Type',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      throw new AppError('METHOD_NOT_ALLOWED', `This upload URL takes one POST of multipart/form-data, not ${req.method}.`, { Allow: ALLOWED });
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data\s*;/i.test(contentType)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data, in the field "file" (e.g. a FormData, or curl -F file=@video.mp4).');
    }
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    const limit = basicUploadLimit();
    if (Number.isFinite(declared) && declared > limit + FRAMING_BYTES) throw tooLargeError(limit);
    await receiveBasicUpload({ uid: verified.uid, expiry: verified.expiry, body: req, contentType });
    sendJson(res, 200, { uid: verified.uid });
  } catch (error) {
    drainForAWhile(req);
    sendError(res, error);
  }
}
