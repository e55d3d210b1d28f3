/**
 * A request path whose percent-encoding does not decode (`/videos/%ff`, `/stream/%E0%A4/…`)
 * names nothing here. Checked once at the server.ts edge, so no route ever meets one (Next's
 * router and decodeURIComponent would throw: a 500).
 */
export function hasMalformedPercentEncoding(path: string): boolean {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}
