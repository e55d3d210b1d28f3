import { forbidden, redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import { signInPath } from '@/lib/universal/callback-url';
import { getSessionUser } from './session';
import type { SessionUser } from './users';

/**
 * The signed-in user, read once per request however many layouts and pages ask. Waits for a
 * request first, so `next build` never renders it ahead of time (and never reads settings or
 * creates the auth secret while building).
 */
export const getCurrentUser = cache(async () => {
  await connection();
  return getSessionUser();
});

/** Pages: the signed-in user, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}

/** Pages: an admin; a visitor goes to sign in, anyone else gets the 403 page. */
export async function requireAdmin(returnTo: string): Promise<SessionUser> {
  const user = await requireUser(returnTo);
  if (user.role !== 'admin') forbidden();
  return user;
}
