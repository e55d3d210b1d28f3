import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { answerError, errorEnvelope, errorResponse } from '@/lib/http/error-response';
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
  const { status, headers } = answerError(error, 'envelope');
  return Response.json({ ...errorEnvelope(error.code, error.message), url }, { status, headers });
}

/**
 * next-auth, with the requests it cannot make sense of answered 400: it throws on some, and
 * answers others 500 (a GET of the credentials callback, a sign-in POST without its fields).
 */
async function runNextAuth(options: ReturnType<typeof getAuthOptions>, request: Request, context: Context): Promise<Response> {
  let response: Response;
  try {
    response = await NextAuth(options)(request, context);
  } catch (error) {
    if (isNextControlFlow(error)) throw error;
    console.warn('next-auth refused a request:', error instanceof Error ? error.message : error);
    throw new AppError('BAD_REQUEST', MALFORMED);
  }
  if (response.status >= 500) {
    console.warn(`next-auth answered ${response.status} to ${request.method} ${new URL(request.url).pathname}: ${(await response.text()).slice(0, 200)}`);
    throw new AppError('BAD_REQUEST', MALFORMED);
  }
  return response;
}

const MALFORMED = 'This sign-in request is malformed. Sign in from the sign-in page.';

function isNextControlFlow(error: unknown): boolean {
  return error instanceof Error && 'digest' in error && String((error as { digest: unknown }).digest).startsWith('NEXT_');
}

export async function handleAuthRequest(request: Request, context: Context): Promise<Response> {
  try {
    const env = getEnv();
    const options = getAuthOptions(isSecureRequest(request.headers, env));
    if (request.method !== 'POST') return await runNextAuth(options, request, context);

    const body = await readBodyText(request);
    // next-auth reads `nextUrl`: hand it a NextRequest with the body already read.
    const forward = new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
    const [action, provider] = (await context.params).nextauth;
    if (action !== 'callback' || provider !== 'credentials') return await runNextAuth(options, forward, context);

    const email = new URLSearchParams(body).get('email') ?? '';
    let attempt;
    try {
      attempt = await beginSignInAttempt(email, clientAddress(request.headers));
    } catch (error) {
      if (error instanceof AppError && error.kind === 'TOO_MANY_REQUESTS') return throttled(request, error);
      throw error;
    }
    const response = await runNextAuth(options, forward, context);
    if (isSignedIn(response)) await attempt.succeeded();
    return response;
  } catch (error) {
    // next-auth answers redirects by throwing (NEXT_REDIRECT): let Next handle those.
    if (isNextControlFlow(error)) throw error;
    return errorResponse(error);
  }
}
