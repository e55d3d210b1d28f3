import type { IncomingMessage } from 'node:http';
import type { Env } from '@/lib/env';

/** The client's address: the first `X-Forwarded-For` hop behind a trusted proxy, else the socket's peer. */
export function clientIp(req: IncomingMessage, env: Pick<Env, 'trustProxy'>): string | null {
  if (env.trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? null;
}
