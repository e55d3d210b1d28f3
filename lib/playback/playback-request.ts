import type { IncomingMessage } from 'node:http';
import { getEnv } from '@/lib/env';
import { clientIp } from '@/lib/http/client-ip';
import { publicOrigin } from '@/lib/http/origin';
import { normalizeIp } from './access-rules';
import type { PlaybackRequest, PlaybackSurface } from './access';

/**
 * The PlaybackRequest of an HTTP request: client address (X-Forwarded-For only with
 * TRUST_PROXY; server.ts drops it otherwise and Next.js then sets it from the socket),
 * Origin, Referer and the app's own host.
 */

type HeaderSource = { get(name: string): string | null };

function firstForwarded(value: string | null | undefined): string | null {
  const first = value?.split(',')[0]?.trim();
  return first ? normalizeIp(first) : null;
}

/** For route handlers and pages (`request.headers`, or `await headers()` from next/headers). */
export function playbackRequestFromHeaders(headers: HeaderSource, idOrToken: string, surface: PlaybackSurface): PlaybackRequest {
  const env = getEnv();
  return {
    idOrToken,
    surface,
    ip: firstForwarded(headers.get('x-forwarded-for')),
    origin: headers.get('origin'),
    referer: headers.get('referer'),
    host: new URL(publicOrigin(headers, env)).host,
  };
}

/** For requests served on Node's own request in server.ts (manifests, segments, downloads). */
export function playbackRequestFromNode(req: IncomingMessage, idOrToken: string, surface: PlaybackSurface): PlaybackRequest {
  const env = getEnv();
  const header = (name: string) => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const ip = clientIp(req, env);
  return {
    idOrToken,
    surface,
    ip: ip ? normalizeIp(ip) : null,
    origin: header('origin'),
    referer: header('referer'),
    host: new URL(publicOrigin({ get: header }, env)).host,
  };
}
