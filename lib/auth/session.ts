import { getServerSession } from 'next-auth';
import { getAuthOptions } from './next-auth-options';
import { findUserById, type SessionUser } from './users';

/** The signed-in user of this request (Server Components and route handlers), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(getAuthOptions())) as { userId?: string } | null;
  if (!session?.userId) return null;
  return findUserById(session.userId);
}
