
/**
 * Cloudflare's `allowedOrigins`: when the list is not empty, a video's manifests and its
 * watch/iframe pages answer only to requests whose `Origin` (else `Referer`) host is listed.
 * `example.com` matches that host exactly, `*.example.com` any subdomain of it (not
 * example.com itself), `*` any host. The app's own host is always allowed: its player pages
 * fetch the manifests from there. A request with neither header is refused, as Cloudflare's.
 */

const ENTRY = /^(\*|(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/;

/** An entry as stored: lower case, without scheme, port or path; null when it is not a host pattern. */
export function normalizeAllowedOrigin(entry: string): string | null {
  let value = entry.trim().toLowerCase();
  value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/.*$/, '').replace(/:\d{1,5}$/, '');
  return value.length <= 253 && ENTRY.test(value) ? value : null;
}

/** The host (with port) of an Origin or Referer header; null when absent or unreadable. */
function hostOf(header: string | null | undefined): { host: string; hostname: string } | null {
  if (!header || header === 'null') return null;
  try {
    const url = new URL(header);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { host: url.host.toLowerCase(), hostname: url.hostname.toLowerCase().replace(/^\[|\]$/g, '') };
  } catch {
    return null;
  }
}

export function hostMatches(entry: string, hostname: string): boolean {
  const pattern = normalizeAllowedOrigin(entry);
  if (!pattern) return false;
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return hostname.endsWith(pattern.slice(1)) && hostname.length > pattern.length - 1;
  return hostname === pattern;
}

export type OriginCheck = { origin?: string | null; referer?: string | null; ownHost?: string | null };

export function isOriginAllowed(allowed: readonly string[], request: OriginCheck): boolean {
  if (allowed.length === 0) return true;
  const from = hostOf(request.origin) ?? hostOf(request.referer);
  if (!from) return false;
  if (request.ownHost && from.host === request.ownHost.toLowerCase()) return true;
  return allowed.some((entry) => hostMatches(entry, from.hostname));
}
