import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for per-address rate limits. server.ts resolves it once at
 * the edge (the socket's address, or with TRUST_PROXY=1 the address the proxy saw: the last
 * X-Forwarded-For entry) and hands it to the route handlers in a header no client can set.
 */

export const CLIENT_ADDRESS_HEADER = 'x-upstream-client-address';

export function resolveClientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
  const address = last || req.socket.remoteAddress || 'unknown';
  // IPv4 clients of a dual-stack socket: one key per address, whichever way it is written.
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '').slice(0, 64);
}

/** Sets the header on the request (replacing any value a client sent). */
export function tagClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req, trustProxy);
}

export function clientAddress(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
