import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Every path under /client/v4 that no route takes: 404 in Cloudflare's envelope, whatever
 * the method (Next would answer its HTML page, which an SDK cannot read).
 */
async function notFound(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return errorResponse(new AppError('NOT_FOUND', `No API route ${request.method} ${pathname.slice(0, 200)}: see the README for the routes this server supports.`));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
