import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors';
import { describeError } from '@/lib/http/error-response';
import { parseAllowedOrigins } from '@/lib/videos/present-video';
import { authorizePlayback } from './access';
import { playbackRequestFromNode } from './playback-request';
import { frameAncestors, type PlayerPageKind } from './frame-ancestors';
import { GRANTED_UID_HEADER, PLAYER_PAGE_HEADER } from './player-page-headers';

/**
 * The public player pages, `/stream/{idOrToken}/watch` (Cloudflare's `preview`) and
 * `/stream/{idOrToken}/iframe` (for embedding). server.ts asks this gate before Next renders
 * them, because an App Router page cannot answer 401 or 403 itself: a refusal is a small HTML
 * page with its real status here; a grant sets the page's `frame-ancestors` on the response and
 * tells the page which video it may show through a request header that only this gate sets
 * (server.ts removes it from every incoming request first).
 */

export const PLAYER_PAGE_PATH = /^\/stream\/([^/]+)\/(watch|iframe)\/?$/;


/** No client may send the gate's headers: every request loses them before routing. */
export function stripGateHeaders(req: IncomingMessage): void {
  delete req.headers[GRANTED_UID_HEADER];
  delete req.headers[PLAYER_PAGE_HEADER];
}

const TITLES: Record<number, string> = {
  401: 'This video needs a signed link',
  403: 'This video cannot be played on this site',
  404: 'No such video',
  405: 'Not a page you can send that to',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small self-contained page (no scripts) that says why, with the refusal's own status. */
export function sendPlayerRefusal(req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const title = TITLES[status] ?? 'This video cannot be played';
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#111827;color:#fff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5}
main{max-width:36rem;padding:1.5rem;text-align:center}
h1{font-size:1.4rem;margin:0 0 .5rem}
p{margin:0;color:#e5e7eb}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
</main>
</body>
</html>
`;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    // Framable anywhere, so an embedding site shows the reason instead of a browser error.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Authorises a player page. True: the request may go on to Next (headers set). False: the
 * refusal has been answered.
 */
export async function gatePlayerPage(req: IncomingMessage, res: ServerResponse, idOrToken: string, kind: PlayerPageKind): Promise<boolean> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new AppError('METHOD_NOT_ALLOWED', 'This page can only be opened (GET).', { Allow: 'GET, HEAD' });
    }
    const { video } = await authorizePlayback(playbackRequestFromNode(req, idOrToken, 'page'));
    // The page's own policy (its script nonce, set at the edge) with this video's frame-ancestors.
    const own = frameAncestors(kind, parseAllowedOrigins(video.allowedOrigins));
    const page = req.headers['content-security-policy'];
    res.setHeader('Content-Security-Policy', typeof page === 'string' && /frame-ancestors [^;]*/.test(page) ? page.replace(/frame-ancestors [^;]*/, own) : own);
    req.headers[GRANTED_UID_HEADER] = video.uid;
    req.headers[PLAYER_PAGE_HEADER] = kind;
    return true;
  } catch (error) {
    // The one error table's reading, shown as a page (an unexpected error is logged there).
    const { status, message, headers } = describeError(error);
    sendPlayerRefusal(req, res, status, message, headers);
    return false;
  }
}
