import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { ConfigError } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { AccountInput } from '@/lib/validations/account';
import { hashPassword, verifyPassword, verifyPasswordOfNobody } from './password';

export type Role = 'user' | 'admin';
export type SessionUser = { id: string; email: string; role: Role };

function toSessionUser(user: { id: string; email: string; role: string }): SessionUser {
  return { id: user.id, email: user.email, role: user.role === 'admin' ? 'admin' : 'user' };
}

export async function createUser(input: AccountInput, role: Role = 'user'): Promise<SessionUser> {
  const db = getDb();
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { id: randomUUID(), email: input.email, passwordHash, role } });
    return toSessionUser(user);
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      throw new AppError('CONFLICT', 'An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}

/**
 * The user with this email and password, with the session version a new session carries.
 * An unknown email costs the same argon2 work as a wrong password: timing tells nothing.
 */
export async function verifyCredentials(email: string, password: string): Promise<(SessionUser & { sessionVersion: number }) | null> {
  const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) {
    await verifyPasswordOfNobody(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { ...toSessionUser(user), sessionVersion: user.sessionVersion };
}

/**
 * The user a session names, if the session is still valid: it was not signed out (endSession),
 * and its version is the user's current one (sign-out everywhere, a password change and a role
 * change raise it). Sessions from before versions existed count as version 0.
 */
export async function findSessionUser(id: string, sessionVersion: unknown, sessionId?: unknown): Promise<SessionUser | null> {
  const db = getDb();
  const [user, ended] = await Promise.all([
    db.user.findUnique({ where: { id } }),
    typeof sessionId === 'string' ? db.endedSession.findUnique({ where: { id: sessionId }, select: { id: true } }) : null,
  ]);
  if (!user || ended) return null;
  const version = typeof sessionVersion === 'number' ? sessionVersion : 0;
  return version === user.sessionVersion ? toSessionUser(user) : null;
}

/** Ends every session of the user (on every device): their cookies stop working at once. */
export async function endAllSessions(userId: string): Promise<void> {
  await getDb().user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export class AdminPromotionRefused extends ConfigError {}

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD: that admin exists after start, with that password. An existing
 * ordinary account with that email is never promoted (sign-up is open and emails are not
 * verified: anyone could have registered it first); the start is refused instead.
 */
export async function ensureAdmin(admin: { email: string; password: string }): Promise<void> {
  const db = getDb();
  const email = admin.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing && existing.role !== 'admin') {
    throw new AdminPromotionRefused(
      `ADMIN_EMAIL is ${email}, but that is an existing ordinary account, and Upstream does not make it an admin on its own ` +
        `(anyone can sign up with any email). If that account is yours, promote it deliberately with ` +
        `"npm run user -- promote ${email}", or set ADMIN_EMAIL to an address that has no account yet.`,
    );
  }
  if (existing && (await verifyPassword(existing.passwordHash, admin.password))) return;
  const passwordHash = await hashPassword(admin.password);
  if (existing) {
    // A new password ends the sessions signed in with the old one.
    await db.user.update({ where: { email }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    return;
  }
  await db.user.create({ data: { id: randomUUID(), email, passwordHash, role: 'admin' } });
}

/** Changes a user's role (`npm run user -- promote|demote EMAIL`); their sessions end. False when no such user. */
export async function setUserRole(email: string, role: Role): Promise<boolean> {
  const { count } = await getDb().user.updateMany({ where: { email: email.trim().toLowerCase() }, data: { role, sessionVersion: { increment: 1 } } });
  return count > 0;
}

/** Emails by user id, for showing who owns or reviewed what. */
export async function findUserEmails(ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const users = await getDb().user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}

export async function findUserByEmail(email: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  return user ? toSessionUser(user) : null;
}
