import { getDb } from '@/lib/db/client';

/**
 * Sign-out of one session (next-auth's `signOut` event): a JWT session lives in its cookie, so
 * clearing the cookie alone would leave a copy of it valid until it expires. Its id is recorded
 * as ended until then, and findSessionUser refuses it. Ended sessions past their expiry are
 * pruned here: they could not sign anyone in anyway.
 */
export async function endSession(sessionId: string, userId: string, expiresAt: Date): Promise<void> {
  const db = getDb();
  await db.endedSession.upsert({ where: { id: sessionId }, create: { id: sessionId, userId, expiresAt }, update: {} });
  await db.endedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
