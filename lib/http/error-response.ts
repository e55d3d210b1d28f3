import type { ServerResponse } from 'node:http';
import { ERROR_KINDS, type ErrorKind, INTERNAL_ERROR, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';

/**
 * The one error path: every edge turns what it caught into an answer here, from the one table in
 * lib/errors.ts. An AppError becomes its kind's status and code, its message and its headers; any
 * other value is unexpected: logged whole (with its stack) and answered 500 with a generic
 * message, never its own message or stack.
 *
 * The surfaces differ only in format:
 * - `envelope`: Cloudflare's `{success: false, errors: [{code, message}], messages: [], result: null}`
 *   (the API under /client/v4 and /api, and the Node edges that serve it).
 * - `tus`: plain text with `Tus-Resumable`, as @tus/server's own errors are (tus clients show the body).
 * - `text`: plain text (thumbnails and the edge's own refusals: a browser or an <img> asked).
 */

export type ErrorSurface = 'envelope' | 'tus' | 'text';

/** What a thrown value means to a client. */
export type ErrorMeaning = { status: number; code: number; message: string; headers: Record<string, string> };

/** A formatted error answer: the status, the headers and the body to send. */
export type ErrorAnswer = { status: number; headers: Record<string, string>; body: string };

/** The 500 message per surface: a tus client is told how to resume. */
const INTERNAL_MESSAGES: Record<ErrorSurface, string> = {
  envelope: INTERNAL_ERROR.message,
  tus: 'Something went wrong on our side while storing this upload. Ask with HEAD for the offset and resume.',
  text: INTERNAL_ERROR.message,
};

const TEXT = 'text/plain; charset=utf-8';

/** The table's reading of an error; an unexpected one is logged here, once, with `logFields`. */
export function describeError(error: unknown, internalMessage: string = INTERNAL_ERROR.message, logFields: Record<string, unknown> = {}): ErrorMeaning {
  if (isAppError(error)) return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  log.error({ err: error, ...logFields }, 'Unexpected error while answering a request');
  return { status: INTERNAL_ERROR.status, code: INTERNAL_ERROR.code, message: internalMessage, headers: {} };
}

/** Cloudflare's envelope of one error. */
export function errorEnvelope(code: number, message: string): { success: false; errors: [{ code: number; message: string }]; messages: []; result: null } {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

/** The answer for `error` on `surface`; `headers` are the edge's own (CORS, ids), under the error's. */
export function answerError(error: unknown, surface: ErrorSurface, headers: Record<string, string> = {}, logFields: Record<string, unknown> = {}): ErrorAnswer {
  const { status, code, message, headers: own } = describeError(error, INTERNAL_MESSAGES[surface], logFields);
  if (surface === 'envelope') {
    return {
      status,
      headers: { ...headers, ...own, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
      body: JSON.stringify(errorEnvelope(code, message)),
    };
  }
  const tus: Record<string, string> = surface === 'tus' ? { 'Tus-Resumable': '1.0.0' } : {};
  return { status, headers: { ...headers, ...own, ...tus, 'Content-Type': TEXT, 'Cache-Control': 'no-store' }, body: `${message}\n` };
}

/** The Web Response variant (route handlers). */
export function errorResponse(error: unknown, surface: ErrorSurface = 'envelope'): Response {
  const { status, headers, body } = answerError(error, surface);
  return new Response(body, { status, headers });
}

/**
 * The Node variant (server.ts's edges). Headers already set on `res` (CORS) stay. Once the
 * answer has begun (a file half sent), there is no status left to send: the connection is cut.
 */
export function sendError(res: ServerResponse, error: unknown, surface: ErrorSurface = 'envelope', headers: Record<string, string> = {}, logFields: Record<string, unknown> = {}): void {
  if (res.headersSent) {
    if (!isAppError(error)) log.error({ err: error, ...logFields }, 'Unexpected error after the answer had begun');
    res.destroy();
    return;
  }
  const answer = answerError(error, surface, headers, logFields);
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(Buffer.byteLength(answer.body)) });
  res.end(answer.body);
}

/** An error in @tus/server's own shape (`{status_code, body}`), for the hooks and stores it calls, from the same table. */
export function tusServerError(kind: ErrorKind, message: string): { status_code: number; body: string } {
  return { status_code: ERROR_KINDS[kind].status, body: `${message}\n` };
}
