import type { IncomingMessage } from 'node:http';

/**
 * A multipart POST to a page that is not a server action (no `Next-Action` header) would
 * make Next.js parse its body as a server action's form and answer 500 when it is malformed.
 * Pages take no uploads: such a request is refused with 400 at the edge. (APIs and the upload
 * URLs are not pages and are not affected.)
 */
export function isStrayPagePost(req: IncomingMessage, path: string): boolean {
  if (req.method !== 'POST' || req.headers['next-action'] !== undefined) return false;
  // Only the route handlers' trees: /client/<anything but v4> is a page (the 404 page) like any other.
  if (/^\/(api|client\/v4)(\/|$)/.test(path)) return false;
  return /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');
}

export const STRAY_PAGE_POST_MESSAGE = 'This page takes no uploads: send files to an upload URL or the API (see the README).';
