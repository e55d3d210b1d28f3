import { AppError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Every path under /api that no route takes (next-auth's /api/auth and the upload URLs have
 * their own): 404 as JSON, whatever the method. Without it Next.js took such a path for a page,
 * and parsed a multipart POST to it as a server action's form: a malformed one answered 500.
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
