import { createUser } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, envelopeResponse } from '@/lib/http/envelope';
import { accountSchema } from '@/lib/validations/account';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Creates an ordinary user account (JSON or form body: email, password). Off when ALLOW_SIGNUP=false. */
export const POST = apiRoute(async (request: Request) => {
  if (!getEnv().allowSignup) throw new AppError('FORBIDDEN', 'Sign-up is turned off on this server. Ask an admin for an account.');
  const body = await readBody(request);
  const parsed = accountSchema.safeParse(body);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((issue) => issue.message).join(' '));
  const user = await createUser(parsed.data);
  return envelopeResponse({ id: user.id, email: user.email, role: user.role }, { status: 201 });
});

async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.includes('application/json')) return await request.json();
    return Object.fromEntries(await request.formData());
  } catch {
    throw new AppError('BAD_REQUEST', 'Send the email and password as JSON or as a form.');
  }
}
