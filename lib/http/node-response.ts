import type { ServerResponse } from 'node:http';
import { INTERNAL_ERROR, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';

/** Cloudflare's error envelope, for requests served outside Next's router. */
export function sendErrorEnvelope(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!isAppError(error)) log.error({ err: error }, 'Unexpected error while answering an API request');
  const { status, code, message } = isAppError(error) ? error : INTERNAL_ERROR;
  const body = JSON.stringify({ success: false, errors: [{ code, message }], messages: [], result: null });
  res.writeHead(status, {
    ...(isAppError(error) ? error.headers : {}),
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
