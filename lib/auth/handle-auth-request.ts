import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { errorResponse } from '@/lib/http/envelope';
import { publicOrigin } from '@/lib/http/origin';
import { readBodyText } from '@/lib/http/read-json';
import { beginSignInAttempt } from '@/lib/limits/sign-in-throttle';
import { getAuthOptions } from './next-auth-options';
import { isSecureRequest } from './secure-request';

/**
 * next-auth's endpoints (`/api/auth/*`) with what next-auth itself lacks: a body limit (1 MiB,
 * 413 before anything is parsed), sign-in throttling in front of the credentials callback
 * (429 + Retry-After; the password is not checked), and `Secure` cookies when the request came
 * over https.
 */

type Context = { params: Promise<{ nextauth: string[] }> };

function isSignedIn(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => /session-token=[^;]/.test(cookie));
}

/** 429 in Cloudflare's envelope plus the `url` next-auth's client reads (`signIn()` parses it). */
function throttled(request: Request, error: AppError): Response {
  const url = `${publicOrigin(request.headers, getEnv())}/api/auth/error?error=TooManyAttempts`;
  return Response.json(
    { success: false, errors: [{ code: error.code, message: error.message }], messages: [], result: null, url },
    { status: error.status, headers: { 'Cache-Control': 'no-store', ...error.headers } },
  );
}

export async function handleAuthRequest(request: Request, context: Context): Promise<Response> {
  try {
    const env = getEnv();
    const options = getAuthOptions(isSecureRequest(request.headers, env));
    if (request.method !== 'POST') return await NextAuth(options)(request, context);

    const body = await readBodyText(request);
    // next-auth reads `nextUrl`: hand it a NextRequest with the body already read.
    const forward = new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
    const [action, provider] = (await context.params).nextauth;
    if (action !== 'callback' || provider !== 'credentials') return await NextAuth(options)(forward, context);

    const email = new URLSearchParams(body).get('email') ?? '';
    let attempt;
    try {
      attempt = await beginSignInAttempt(email, clientAddress(request.headers));
    } catch (error) {
      if (error instanceof AppError && error.kind === 'TOO_MANY_REQUESTS') return throttled(request, error);
      throw error;
    }
    const response = await NextAuth(options)(forward, context);
    if (isSignedIn(response)) await attempt.succeeded();
    return response;
  } catch (error) {
    // next-auth answers redirects by throwing (NEXT_REDIRECT): let Next handle those.
    if (error instanceof Error && 'digest' in error && String((error as { digest: unknown }).digest).startsWith('NEXT_')) throw error;
    return errorResponse(error);
  }
}
