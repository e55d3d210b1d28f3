import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { AccountInput } from '@/lib/validations/account';
import { hashPassword, verifyPassword } from './password';

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

export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || !(await verifyPassword(user.passwordHash, password))) return null;
  return toSessionUser(user);
}

export async function findUserById(id: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({ where: { id } });
  return user ? toSessionUser(user) : null;
}

/** ADMIN_EMAIL/ADMIN_PASSWORD: that admin exists after start, with that password. */
export async function ensureAdmin(admin: { email: string; password: string }): Promise<void> {
  const db = getDb();
  const email = admin.email.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing && existing.role === 'admin' && (await verifyPassword(existing.passwordHash, admin.password))) return;
  const passwordHash = await hashPassword(admin.password);
  await db.user.upsert({
    where: { email },
    create: { id: randomUUID(), email, passwordHash, role: 'admin' },
    update: { passwordHash, role: 'admin' },
  });
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
