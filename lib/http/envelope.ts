import { AppError } from '@/lib/errors';
import { errorResponse } from './error-response';

/** Responses in Cloudflare's API envelope (errors: ./error-response.ts). */

export function envelopeResponse(result: unknown, init: ResponseInit = {}): Response {
  return Response.json({ success: true, errors: [], messages: [], result }, init);
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler: expected errors become their status and message, the rest a logged 500. */
export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For routes only the account's own id reaches: another id is not found. */
export function assertAccount(accountId: string, expected: string): void {
  if (accountId !== expected) throw new AppError('NOT_FOUND', `No account with the id "${accountId.slice(0, 64)}".`);
}

type MethodHandler = (request: Request) => Promise<Response>;

/**
 * Handlers for the methods a route does not take: 405 in the envelope, with `Allow` (Next
 * would answer 405 with an empty body). A route file exports the ones it lacks:
 * `export const { PUT, PATCH, DELETE } = methodNotAllowed('GET, POST');`
 */
export function methodNotAllowed(allowed: string): Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', MethodHandler> {
  const handler: MethodHandler = async (request) =>
    errorResponse(
      new AppError('METHOD_NOT_ALLOWED', `${new URL(request.url).pathname} takes ${allowed}, not ${request.method}.`, { Allow: allowed }),
    );
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}

/**
 * Handlers for every method of a catch-all route (a path under /client/v4 or /api that no
 * route takes): 404 in the envelope. Without one, Next answers its HTML page, which an API
 * client cannot read, and parses a multipart POST to it as a server action's form (500 when
 * malformed). `export const { GET, POST, PUT, PATCH, DELETE } = noSuchRoute();`
 */
export function noSuchRoute(): Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', MethodHandler> {
  const handler: MethodHandler = async (request) =>
    errorResponse(
      new AppError('NOT_FOUND', `No API route ${request.method} ${new URL(request.url).pathname.slice(0, 200)}: see the README for the routes this server supports.`),
    );
  return { GET: handler, POST: handler, PUT: handler, PATCH: handler, DELETE: handler };
}
