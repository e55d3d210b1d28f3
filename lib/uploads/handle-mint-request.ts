import type { IncomingMessage, ServerResponse } from 'node:http';
import { accountRoute } from '@/lib/auth/account-route';
import { sendError } from '@/lib/http/error-response';
import { mintUploadResponse } from './mint-response';

/**
 * Cloudflare's tus mint, `POST /client/v4/accounts/{accountId}/stream` (not multipart), served by
 * server.ts on Node's own request and response, before Next.js. A mint is one small insert; through
 * Next's router it waited behind page rendering and Next's per-request work, and under 100 parallel
 * uploads its p99 was several times the bare tus server's creation POST. The same handler answers
 * it in the Next route (app/client/v4/accounts/[accountId]/stream/route.ts), so both paths hold the
 * same rules: API token (401), account id (404), limits, the one error path.
 */

export const MINT_PATH = /^\/client\/v4\/accounts\/([^/]+)\/stream$/;

/** The handler both paths call, on a Web Request. */
export const mintWithToken = accountRoute('token', async ({ request, principal }) =>
  mintUploadResponse(request, 'api', null, principal.kind === 'token' ? principal.tokenId : null),
);

/** A basic upload by the backend (the file in a form), not a tus mint: the same POST /stream. */
export function isMultipartBody(contentType: string | null | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType ?? '');
}

/** A tus mint (served here), not a basic upload (multipart) or another method (both served by Next). */
export function isNodeMint(req: IncomingMessage): boolean {
  return req.method === 'POST' && !isMultipartBody(req.headers['content-type']);
}

function webHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export async function handleMintRequest(req: IncomingMessage, res: ServerResponse, accountId: string): Promise<void> {
  // A mint has no body to read; whatever a client sent is read and dropped, so the connection stays usable.
  req.resume();
  try {
    const request = new Request(new URL(req.url ?? '/', 'http://localhost'), { method: 'POST', headers: webHeaders(req) });
    const response = await mintWithToken(request, { params: Promise.resolve({ accountId: decodeURIComponent(accountId) }) });
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, { ...Object.fromEntries(response.headers), 'Content-Length': String(body.length) });
    res.end(body);
  } catch (error) {
    sendError(res, error, 'envelope');
  }
}
