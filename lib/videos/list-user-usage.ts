import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { GONE_REASONS } from './states';

export type UserUsageRow = { email: string; role: string; pendingUploads: number; storedBytes: number };

/**
 * What each user uses of their quotas (for /admin): uploads still arriving and the bytes of
 * the videos they keep, largest first; the same counts the mint checks (lib/uploads/check-mint-allowed.ts).
 */
export async function listUserUsage(limit = 50): Promise<{ rows: UserUsageRow[]; maxPendingUploads: number; maxStoredBytes: number }> {
  const db = getDb();
  const notGone = { NOT: { state: 'error', errorReasonCode: { in: [...GONE_REASONS] } } };
  const [stored, pending] = await Promise.all([
    db.video.groupBy({ by: ['ownerId'], where: { ownerId: { not: null }, ...notGone }, _sum: { size: true } }),
    db.video.groupBy({ by: ['ownerId'], where: { ownerId: { not: null }, state: 'pendingupload' }, _count: { _all: true } }),
  ]);
  const pendingBy = new Map(pending.map((row) => [row.ownerId, row._count._all]));
  const ranked = stored
    .map((row) => ({ ownerId: row.ownerId!, storedBytes: Number(row._sum.size ?? 0), pendingUploads: pendingBy.get(row.ownerId) ?? 0 }))
    .sort((a, b) => b.storedBytes - a.storedBytes)
    .slice(0, limit);
  const users = await db.user.findMany({ where: { id: { in: ranked.map((row) => row.ownerId) } }, select: { id: true, email: true, role: true } });
  const byId = new Map(users.map((user) => [user.id, user]));
  const { limits } = getEnv();
  return {
    rows: ranked.flatMap((row) => {
      const user = byId.get(row.ownerId);
      return user ? [{ email: user.email, role: user.role, pendingUploads: row.pendingUploads, storedBytes: row.storedBytes }] : [];
    }),
    maxPendingUploads: limits.maxPendingUploadsPerUser,
    maxStoredBytes: limits.maxStoredBytesPerUser,
  };
}
