import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeRequest, sendNodeResponse } from 'srvx/node';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { assertDiskRoom } from '@/lib/limits/disk-space';
import { trackUploadInFlight } from '@/lib/metrics/metrics';
import { AppError } from '@/lib/errors';
import { sendError } from '@/lib/http/error-response';
import { tokenFromPath, verifyUploadToken } from '@/lib/uploads/upload-url';
import { isGone } from '@/lib/videos/states';
import { cancelUpload } from '@/lib/videos/upload-transitions';
import { CHECKSUM_ALGORITHMS, readUploadChecksum, withExpectedChecksum } from '@/lib/upload-store/checksum';
import { ALLOWED_METHODS, corsHeaders, preflightHeaders } from './cors';
import { getTusServer, wasSuperseded } from './server';

/**
 * Every request on a one-time upload URL (`/api/tus/<token>`), served from Node's own
 * request and response (no Web Request conversion in Next's router: see README, "Speed").
 *
 * Checks run in this order, before any byte is written: signature (404), catalog row (404;
 * OPTIONS answers here),
 * cancelled or expired (410), complete (403 for PATCH and DELETE), Tus-Resumable (412),
 * Content-Type (415) and Upload-Offset (400). Then @tus/server does the tus work under the
 * upload's lock (409 on a wrong offset, 413 past the length).
 */

const TUS_METHODS = new Set(['HEAD', 'PATCH', 'DELETE', 'OPTIONS']);
const OFFSET_CONTENT_TYPE = 'application/offset+octet-stream';

type Upload = { uid: string; state: string; size: bigint; uploadExpiry: Date; errorReasonCode: string | null };

/** A 204 (OPTIONS, DELETE); errors go through the one error path (sendError, `tus`). */
function sendNoContent(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(204, { ...headers, 'Tus-Resumable': '1.0.0', 'Cache-Control': 'no-store' });
  res.end();
}

async function findUpload(uid: string, expiry: Date): Promise<Upload> {
  const upload = await getDb().video.findUnique({
    where: { uid },
    select: { uid: true, state: true, size: true, uploadExpiry: true, errorReasonCode: true },
  });
  // A URL signed for another expiry than the row's is not this upload's URL.
  if (!upload || upload.uploadExpiry.getTime() !== expiry.getTime()) {
    throw new AppError('NOT_FOUND', 'Upload not found: this upload URL is unknown, altered, or its video was deleted.');
  }
  return upload;
}

function checkUploadState(upload: Upload, method: string): void {
  if (isGone(upload)) {
    const why = upload.errorReasonCode === 'ERR_CANCELLED' ? 'was cancelled' : 'expired before it was complete';
    throw new AppError('GONE', `This upload ${why}; its bytes were removed. Request a new upload URL to upload again.`);
  }
  const isComplete = upload.state !== 'pendingupload';
  if (isComplete && method !== 'HEAD') {
    throw new AppError('FORBIDDEN', 'This upload is complete and can no longer be changed.');
  }
  if (!isComplete && upload.uploadExpiry.getTime() <= Date.now()) {
    throw new AppError('GONE', `This upload URL expired at ${upload.uploadExpiry.toISOString()}. Request a new upload URL.`);
  }
}

function checkTusHeaders(req: IncomingMessage, method: string): void {
  if (req.headers['tus-resumable'] !== '1.0.0') {
    throw new AppError('PRECONDITION_FAILED', 'This server speaks tus 1.0.0: send "Tus-Resumable: 1.0.0".', { 'Tus-Version': '1.0.0' });
  }
  if (method !== 'PATCH') return;
  if (req.headers['content-type']?.toLowerCase() !== OFFSET_CONTENT_TYPE) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `A PATCH must have "Content-Type: ${OFFSET_CONTENT_TYPE}".`);
  }
  const offset = req.headers['upload-offset'];
  if (typeof offset !== 'string' || !/^\d+$/.test(offset)) {
    throw new AppError('BAD_REQUEST', 'A PATCH must have an Upload-Offset header: the byte offset it continues from.');
  }
}

/**
 * tus `creation-defer-length`: the first PATCH that carries Upload-Length sets the size, in the
 * catalog first (then @tus/server records it in the store). Repeating the same length is
 * harmless; another one is refused.
 */
async function declareDeferredLength(req: IncomingMessage, upload: Upload): Promise<void> {
  const header = req.headers['upload-length'];
  if (header === undefined) return;
  const value = String(header).trim();
  if (!/^\d{1,16}$/.test(value) || Number(value) < 1) throw new AppError('BAD_REQUEST', `Upload-Length must be a whole number of bytes, at least 1 (got "${value.slice(0, 40)}").`);
  const size = BigInt(value);
  if (upload.size > 0n) {
    if (size !== upload.size) throw new AppError('BAD_REQUEST', `Upload-Length was already set to ${upload.size} bytes; it cannot change.`);
    // @tus/server refuses any Upload-Length once the size is known: drop the repeated one.
    delete req.headers['upload-length'];
    for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
      if (req.rawHeaders[i]!.toLowerCase() === 'upload-length') req.rawHeaders.splice(i, 2);
    }
    return;
  }
  const max = getEnv().maxUploadBytes;
  if (size > BigInt(max)) throw new AppError('TOO_LARGE', `The file is too large: ${value} bytes, and the limit is ${max} bytes.`);
  await assertDiskRoom(Number(size));
  const { count } = await getDb().video.updateMany({ where: { uid: upload.uid, state: 'pendingupload', size: 0n }, data: { size } });
  if (count === 0) throw new AppError('CONFLICT', 'The length of this upload was set by another request; ask with HEAD.');
  upload.size = size;
}

async function completeDigest(uid: string): Promise<string | null> {
  const row = await getDb().video.findUnique({ where: { uid }, select: { sha256: true } });
  return row?.sha256 ? `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:` : null;
}

/** Lets @tus/server answer HEAD and PATCH, then adds our headers and the takeover status. */
async function runTus(req: IncomingMessage, res: ServerResponse, upload: Upload, headers: Record<string, string>): Promise<void> {
  if (req.method === 'PATCH') res.once('close', trackUploadInFlight());
  const request = new NodeRequest({ req, res });
  const response = await getTusServer().handleWeb(request as unknown as Request);
  const offset = Number(response.headers.get('upload-offset') ?? Number.NaN);
  // A size of 0 is a deferred length not declared yet: incomplete whatever the offset.
  const isIncomplete = upload.size === 0n || offset < Number(upload.size);
  let answer = response;
  if (req.method === 'PATCH' && response.status === 204 && isIncomplete && wasSuperseded(request)) {
    const body = 'A newer request took over this upload; the bytes this request delivered were kept. Ask with HEAD for the offset.\n';
    answer = new Response(body, { status: 409, headers: response.headers });
    answer.headers.set('Content-Length', String(Buffer.byteLength(body)));
    answer.headers.set('Connection', 'close');
  }
  // The disk guard stopped this PATCH before its body ended: close rather than read the rest.
  if (answer.status === 507) answer.headers.set('Connection', 'close');
  for (const [name, value] of Object.entries(headers)) answer.headers.set(name, value);
  if (answer.status < 300 && isIncomplete) answer.headers.set('Upload-Expires', upload.uploadExpiry.toUTCString());
  if (answer.status < 300 && !isIncomplete) {
    // The whole file's digest (RFC 9530), so a client can compare it with its own hash of the file.
    const digest = await completeDigest(upload.uid);
    if (digest) answer.headers.set('Repr-Digest', digest);
  }
  await sendNodeResponse(res, answer);
}

export async function handleTusRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  let headers = corsHeaders(origin);
  try {
    // Clients that cannot send PATCH or DELETE (tus-js-client's overridePatchMethod).
    const override = req.headers['x-http-method-override'];
    if (req.method === 'POST' && typeof override === 'string' && TUS_METHODS.has(override.toUpperCase())) {
      req.method = override.toUpperCase();
    }
    const method = req.method ?? 'GET';
    const token = tokenFromPath(new URL(req.url ?? '/', 'http://localhost').pathname);
    const verified = token ? verifyUploadToken(token) : null;
    if (!verified) throw new AppError('NOT_FOUND', 'Upload not found: this upload URL is unknown or was altered.');
    headers = { ...headers, 'Stream-Media-ID': verified.uid };

    if (!TUS_METHODS.has(method)) {
      throw new AppError('METHOD_NOT_ALLOWED', `An upload URL takes ${ALLOWED_METHODS}, not ${method}.`, { Allow: ALLOWED_METHODS });
    }
    const upload = await findUpload(verified.uid, verified.expiry);
    if (method === 'OPTIONS') {
      return sendNoContent(res, {
        ...headers,
        ...preflightHeaders(origin, req.headers['access-control-request-headers']),
        'Tus-Version': '1.0.0',
        'Tus-Extension': 'creation-defer-length,termination,expiration,checksum',
        'Tus-Checksum-Algorithm': CHECKSUM_ALGORITHMS.join(','),
        'Tus-Max-Size': String(getEnv().maxUploadBytes),
      });
    }
    checkUploadState(upload, method);
    checkTusHeaders(req, method);
    if (method === 'DELETE') {
      await cancelUpload(upload.uid);
      return sendNoContent(res, headers);
    }
    if (method === 'PATCH') await declareDeferredLength(req, upload);
    const checksum = method === 'PATCH' ? readUploadChecksum(req.headers['upload-checksum']) : null;
    await withExpectedChecksum(checksum, () => runTus(req, res, upload, headers));
  } catch (error) {
    sendError(res, error, 'tus', headers, { uid: headers['Stream-Media-ID'] });
  }
}
