import { createUser } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { apiRoute, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { readBodyText } from '@/lib/http/read-json';
import { consumeLimit } from '@/lib/limits/rate-limiters';
import { accountSchema } from '@/lib/validations/account';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Creates an ordinary user account (JSON or urlencoded form body: email, password). Off when
 * ALLOW_SIGNUP=false; SIGN_UPS_PER_ADDRESS_PER_HOUR per address; bodies over 1 MiB → 413.
 */
export const POST = apiRoute(async (request: Request) => {
  if (!getEnv().allowSignup) throw new AppError('FORBIDDEN', 'Sign-up is turned off on this server. Ask an admin for an account.');
  const body = readBody(request.headers.get('content-type') ?? '', await readBodyText(request));
  await consumeLimit('sign-up-address', clientAddress(request.headers), 'Too many accounts were created from your network.');
  const parsed = accountSchema.safeParse(body);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((issue) => issue.message).join(' '));
  const user = await createUser(parsed.data);
  return envelopeResponse({ id: user.id, email: user.email, role: user.role }, { status: 201 });
});

function readBody(type: string, text: string): unknown {
  try {
    if (type.includes('application/json')) return JSON.parse(text) as unknown;
    if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  } catch {
    // Reported below.
  }
  throw new AppError('BAD_REQUEST', 'Send the email and password as JSON or as a urlencoded form.');
}

export const { GET, PUT, PATCH, DELETE } = methodNotAllowed('POST');
