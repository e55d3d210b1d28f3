import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';

/**
 * API tokens for the Cloudflare-shaped API. A token is 256 random bits, shown once;
 * only its SHA-256 is stored (a fast hash is enough for a secret of that strength).
 */

const PREFIX = 'ups_';
const LAST_USED_PRECISION_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createApiToken(name: string): Promise<string> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  await getDb().apiToken.create({ data: { id: randomUUID(), name, tokenHash: hashToken(token) } });
  return token;
}

/** Returns false when no token has that name. */
export async function revokeApiToken(name: string): Promise<boolean> {
  const { count } = await getDb().apiToken.deleteMany({ where: { name } });
  return count > 0;
}

export async function listApiTokens() {
  return getDb().apiToken.findMany({ select: { name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: 'asc' } });
}

export async function findApiToken(token: string): Promise<{ id: string; name: string } | null> {
  const db = getDb();
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: row.id, name: row.name };
}
