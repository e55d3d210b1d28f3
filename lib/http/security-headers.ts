import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Security headers on every response, set once at the server.ts edge:
 * - pages: a Content-Security-Policy with a fresh nonce per request. Next.js reads the nonce
 *   from the request's own `Content-Security-Policy` header and puts it on every script it
 *   renders (https://nextjs.org/docs/app/guides/content-security-policy), so the edge sets
 *   that header on the request before Next sees it, and the same policy on the response;
 * - everything else (JSON, tus, media): `default-src 'none'`;
 * - `frame-ancestors 'none'` except the embeddable player pages (`/stream/{id}/iframe`,
 *   `/stream/{id}/watch`); a response that already has a policy (a route set its own, e.g.
 *   a video's allowedOrigins) keeps it;
 * - `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`;
 * - a 429 or 503 without `Retry-After` gets one (clients need to know when to come back).
 */

const EMBEDDABLE = /^\/stream\/[^/]+\/(iframe|watch)\/?$/;
const DEFAULT_RETRY_AFTER_SECONDS = '5';

export type SecurityHeaderOptions = { dev: boolean; publicUrl: string | undefined };

export function isEmbeddablePath(path: string): boolean {
  return EMBEDDABLE.test(path);
}

export function pagePolicy(nonce: string, path: string, options: SecurityHeaderOptions): string {
  const connect = ["'self'", options.publicUrl ? new URL(options.publicUrl).origin : '', options.dev ? 'ws:' : ''].filter(Boolean).join(' ');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    // React sets style attributes (progress bars); no script runs from a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // hls.js plays through Media Source Extensions (blob: URLs) and may run a worker from a blob.
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    `connect-src ${connect}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    isEmbeddablePath(path) ? 'frame-ancestors *' : "frame-ancestors 'none'",
  ].join('; ');
}

export function resourcePolicy(path: string): string {
  return `default-src 'none'; frame-ancestors ${isEmbeddablePath(path) ? '*' : "'none'"}`;
}

function headerIn(headers: unknown, name: string): unknown {
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
  const entry = Object.entries(headers as OutgoingHttpHeaders).find(([key]) => key.toLowerCase() === name);
  return entry?.[1];
}

/** Call before handing the request on: tags the request with the page nonce and hooks the response's headers. */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, path: string, options: SecurityHeaderOptions): void {
  const nonce = randomBytes(16).toString('base64');
  const policy = pagePolicy(nonce, path, options);
  // Only Next reads this (for the nonce); whatever a client sent under that name is replaced.
  req.headers['content-security-policy'] = policy;
  delete req.headers['content-security-policy-report-only'];

  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    const given = typeof args[1] === 'string' ? args[2] : args[1];
    const has = (name: string) => this.hasHeader(name) || headerIn(given, name) !== undefined;
    if (!has('content-security-policy')) {
      const type = String(this.getHeader('content-type') ?? headerIn(given, 'content-type') ?? '');
      this.setHeader('Content-Security-Policy', type.startsWith('text/html') ? policy : resourcePolicy(path));
    }
    if (!has('x-content-type-options')) this.setHeader('X-Content-Type-Options', 'nosniff');
    if (!has('referrer-policy')) this.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    if ((status === 429 || status === 503) && !has('retry-after')) this.setHeader('Retry-After', DEFAULT_RETRY_AFTER_SECONDS);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}
