import type { ServerResponse } from 'node:http';
import { expect, test } from '@playwright/test';
import { AppError, ERROR_KINDS, type ErrorKind } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { answerError, describeError, errorResponse, sendError, tusServerError } from './error-response';

const KINDS = Object.keys(ERROR_KINDS) as ErrorKind[];

/** Runs `task` with log.error recorded instead of written. */
function withLoggedErrors<T>(task: () => T): { result: T; logged: unknown[][] } {
  const logged: unknown[][] = [];
  const original = log.error;
  log.error = ((...args: unknown[]) => void logged.push(args)) as typeof log.error;
  try {
    return { result: task(), logged };
  } finally {
    log.error = original;
  }
}

/** What sendError writes on a Node response, recorded. */
function fakeNodeResponse(headersSent = false) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: '', destroyed: false };
  const res = {
    headersSent,
    writeHead(status: number, headers: Record<string, string>) {
      sent.status = status;
      sent.headers = headers;
      return res;
    },
    end(body?: string) {
      sent.body = body ?? '';
      return res;
    },
    destroy() {
      sent.destroyed = true;
      return res;
    },
  };
  return { res: res as unknown as ServerResponse, sent };
}

test.describe('every kind in the errors table', () => {
  for (const kind of KINDS) {
    const { status, code } = ERROR_KINDS[kind];
    const error = new AppError(kind, `Message for ${kind}.`, { 'X-Extra': kind });

    test(`${kind} answers ${status} in the envelope, with code ${code}, its message and its headers`, async () => {
      const res = errorResponse(error);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-extra')).toBe(kind);
      expect(await res.json()).toEqual({ success: false, errors: [{ code, message: `Message for ${kind}.` }], messages: [], result: null });
    });

    test(`${kind} answers ${status} in tus plain text with Tus-Resumable`, async () => {
      const answer = answerError(error, 'tus', { 'Stream-Media-ID': 'abc' });
      expect(answer).toEqual({
        status,
        headers: { 'Stream-Media-ID': 'abc', 'X-Extra': kind, 'Tus-Resumable': '1.0.0', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
        body: `Message for ${kind}.\n`,
      });
    });

    test(`${kind} answers ${status} in plain text for files and images`, async () => {
      const res = errorResponse(error, 'text');
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(res.headers.get('x-extra')).toBe(kind);
      expect(res.headers.get('tus-resumable')).toBeNull();
      expect(await res.text()).toBe(`Message for ${kind}.\n`);
    });

    test(`${kind} answers ${status} on a Node response, the same body with its Content-Length`, () => {
      const { res, sent } = fakeNodeResponse();
      sendError(res, error, 'envelope', { 'Access-Control-Allow-Origin': '*' });
      const body = JSON.stringify({ success: false, errors: [{ code, message: `Message for ${kind}.` }], messages: [], result: null });
      expect(sent).toEqual({
        status,
        headers: { 'Access-Control-Allow-Origin': '*', 'X-Extra': kind, 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(body)) },
        body,
        destroyed: false,
      });
    });
  }

  test('the table gives every kind its own status and code', () => {
    const statuses = KINDS.map((kind) => ERROR_KINDS[kind].status);
    const codes = KINDS.map((kind) => ERROR_KINDS[kind].code);
    expect(new Set(statuses).size).toBe(KINDS.length);
    expect(new Set(codes).size).toBe(KINDS.length);
    for (const status of statuses) expect(status >= 400 && status < 600).toBe(true);
  });

  test('an error the app meant is not logged', () => {
    const { logged } = withLoggedErrors(() => describeError(new AppError('NOT_FOUND', 'No such video.')));
    expect(logged).toEqual([]);
  });
});

test.describe('an unexpected error', () => {
  const secret = new Error('connect ECONNREFUSED /var/lib/upstream/db.sqlite');

  test('answers 500 in the envelope with a generic message, never its own message or stack, and is logged whole', async () => {
    const { result: res, logged } = withLoggedErrors(() => errorResponse(secret));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('db.sqlite');
    expect(text).not.toMatch(/\bat\s/);
    expect(JSON.parse(text)).toEqual({ success: false, errors: [{ code: 10500, message: 'Something went wrong on our side. Please try again.' }], messages: [], result: null });
    expect(logged).toHaveLength(1);
    expect((logged[0]![0] as { err: unknown }).err).toBe(secret);
  });

  test('answers 500 to a tus client with how to resume, and logs the upload it was', () => {
    const { result: answer, logged } = withLoggedErrors(() => answerError(secret, 'tus', {}, { uid: 'abc' }));
    expect(answer.status).toBe(500);
    expect(answer.body).toBe('Something went wrong on our side while storing this upload. Ask with HEAD for the offset and resume.\n');
    expect(answer.headers['Tus-Resumable']).toBe('1.0.0');
    expect(logged[0]![0]).toEqual({ err: secret, uid: 'abc' });
  });

  test('answers 500 in plain text; a thrown non-Error is treated the same', async () => {
    for (const thrown of [secret, 'a string', { status: 404 }, null, undefined]) {
      const { result: res } = withLoggedErrors(() => errorResponse(thrown, 'text'));
      expect(res.status).toBe(500);
      expect(await res.text()).toBe('Something went wrong on our side. Please try again.\n');
    }
  });

  test('an Error that only looks like an AppError (no kind) is unexpected', () => {
    const lookalike = Object.assign(new Error('Internal detail'), { name: 'AppError', status: 400 });
    const { result } = withLoggedErrors(() => describeError(lookalike));
    expect(result.status).toBe(500);
    expect(result.message).not.toContain('Internal detail');
  });

  test('after the answer has begun, the connection is cut (no second status) and the error logged', () => {
    const { res, sent } = fakeNodeResponse(true);
    const { logged } = withLoggedErrors(() => sendError(res, secret));
    expect(sent.destroyed).toBe(true);
    expect(sent.status).toBe(0);
    expect(logged).toHaveLength(1);
  });
});

test('@tus/server-shaped errors come from the same table', () => {
  expect(tusServerError('INSUFFICIENT_STORAGE', 'Out of disk space.')).toEqual({ status_code: 507, body: 'Out of disk space.\n' });
  expect(tusServerError('CHECKSUM_MISMATCH', 'Checksum mismatch.')).toEqual({ status_code: 460, body: 'Checksum mismatch.\n' });
});
