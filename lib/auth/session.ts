import { getServerSession } from 'next-auth';
import { getEnv } from '@/lib/env';
import { getAuthOptions } from './next-auth-options';
import { isSecureRequest } from './secure-request';
import { findSessionUser, type SessionUser } from './users';

/** The signed-in user of this request (Server Components and route handlers), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  // Imported here: server.ts loads this module (through principal.ts) before Next is ready.
  const { headers } = await import('next/headers');
  const secure = isSecureRequest(await headers(), getEnv());
  const session = (await getServerSession(getAuthOptions(secure))) as { userId?: string; sessionVersion?: unknown; sessionId?: unknown } | null;
  if (!session?.userId) return null;
  return findSessionUser(session.userId, session.sessionVersion, session.sessionId);
}
