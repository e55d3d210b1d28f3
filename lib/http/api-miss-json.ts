import type { ServerResponse } from 'node:http';
import { ERROR_KINDS } from '@/lib/errors';

/**
 * Every path under /client/v4 and the app's own JSON APIs (/api/*, but next-auth's and the tus
 * URLs, which answer in their own formats) answers JSON, also where Next's router has no
 * handler: its 404 page and its empty 405 become Cloudflare's envelope (CONTRACT §8, §9).
 * A route that answers JSON itself is left alone.
 */

const JSON_API = /^\/(client\/v4|api)(\/|$)/;
const OWN_FORMAT = /^\/api\/(auth|tus)(\/|$)/;

const MESSAGES: Record<number, { code: number; message: string }> = {
  404: { code: ERROR_KINDS.NOT_FOUND.code, message: 'No such API route. Check the path against the API documentation.' },
  405: { code: ERROR_KINDS.METHOD_NOT_ALLOWED.code, message: 'This API route does not take that method.' },
};

export function isJsonApiPath(path: string): boolean {
  return JSON_API.test(path) && !OWN_FORMAT.test(path);
}

export function answerApiMissesAsJson(res: ServerResponse, path: string, method: string | undefined): void {
  if (!isJsonApiPath(path)) return;
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    const type = String(this.getHeader('content-type') ?? '');
    const miss = MESSAGES[status];
    if (!miss || type.includes('application/json')) return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    const body = JSON.stringify({ success: false, errors: [miss], messages: [], result: null });
    this.setHeader('Content-Type', 'application/json');
    this.setHeader('Content-Length', String(Buffer.byteLength(body)));
    this.setHeader('Cache-Control', 'no-store');
    const end = this.end.bind(this) as (chunk?: unknown) => ServerResponse;
    // Whatever Next writes (its HTML 404 page, or nothing) is replaced by the envelope.
    this.write = (() => true) as typeof this.write;
    this.end = (() => end(method === 'HEAD' ? undefined : body)) as typeof this.end;
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status);
  } as typeof res.writeHead;
}
