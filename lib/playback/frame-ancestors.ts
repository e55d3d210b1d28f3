/**
 * Who may frame the player pages (CSP `frame-ancestors`): the watch page only the app itself;
 * the iframe page any site, or, when the video names allowedOrigins, the app and those hosts
 * (the access check already refuses other Referers; this makes the browser refuse too).
 */

/** A host as Cloudflare's allowedOrigins hold it: `example.com`, `*.example.com`, with an optional port. */
const HOST_SOURCE = /^(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/;

export type PlayerPageKind = 'watch' | 'iframe';

export function frameAncestors(kind: PlayerPageKind, allowedOrigins: readonly string[]): string {
  if (kind === 'watch') return "frame-ancestors 'self'";
  if (allowedOrigins.length === 0 || allowedOrigins.includes('*')) return 'frame-ancestors *';
  // Only well-formed hosts reach the header: nothing can add a directive.
  const hosts = allowedOrigins.filter((host) => HOST_SOURCE.test(host));
  return ["frame-ancestors 'self'", ...hosts].join(' ');
}
