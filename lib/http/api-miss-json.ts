import type { ServerResponse } from 'node:http';
import { ERROR_KINDS } from '@/lib/errors';
import { errorEnvelope } from './error-response';

/**
 * Every path under /client/v4 and the app's own JSON APIs (/api/*, but next-auth's and the tus
 * URLs, which answer in their own formats) answers JSON, also where Next's router has no
 * route: its HTML 404 page becomes Cloudflare's envelope (CONTRACT §8, §9). A route that
 * answers JSON itself is left alone. (Next's 405 for a method a route does not export has an
 * empty body and no `Allow`, so it cannot be rewritten here: every route under /client/v4 and
 * /api exports the methods it lacks as `methodNotAllowed(...)` from ./envelope.ts.)
 */

const JSON_API = /^\/(client\/v4|api)(\/|$)/;
const OWN_FORMAT = /^\/api\/(auth|tus)(\/|$)/;

const MESSAGES: Record<number, { code: number; message: string }> = {
  404: { code: ERROR_KINDS.NOT_FOUND.code, message: 'No such API route. Check the path against the API documentation.' },
};

export function isJsonApiPath(path: string): boolean {
  return JSON_API.test(path) && !OWN_FORMAT.test(path);
}

export function answerApiMissesAsJson(res: ServerResponse, path: string, method: string | undefined): void {
  if (!isJsonApiPath(path)) return;
  const writeHead = res.writeHead;
  let isDecided = false;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    const type = String(this.getHeader('content-type') ?? '');
    const miss = MESSAGES[status];
    if (isDecided || !miss || type.includes('application/json')) return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    isDecided = true;
    const body = JSON.stringify(errorEnvelope(miss.code, miss.message));
    this.setHeader('Content-Type', 'application/json');
    this.setHeader('Content-Length', String(Buffer.byteLength(body)));
    this.setHeader('Cache-Control', 'no-store');
    const end = this.end.bind(this) as (chunk?: unknown, callback?: () => void) => ServerResponse;
    const callbackIn = (args: unknown[]) => args.find((arg): arg is () => void => typeof arg === 'function');
    // Whatever Next writes (its HTML 404 page, or nothing) is replaced by the envelope; its callbacks still run.
    this.write = ((...writeArgs: unknown[]) => {
      const callback = callbackIn(writeArgs);
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof this.write;
    this.end = ((...endArgs: unknown[]) => end(method === 'HEAD' ? undefined : body, callbackIn(endArgs))) as typeof this.end;
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status);
  } as typeof res.writeHead;
}
