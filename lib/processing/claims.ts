import { getDb } from '@/lib/db/client';
import type { Video } from '@/lib/generated/prisma/client';

/**
 * The database row is the queue. A process claims a video by moving it from `queued` (or
 * from an `inprogress` claim whose lease ran out: its process died) to `inprogress` under
 * its own name, in one conditional update: two processes never claim the same video.
 * The holder renews the lease while it works.
 */

export const LEASE_MS = 20_000;

function claimable(now: Date) {
  return [{ state: 'queued' }, { state: 'inprogress', claimExpiresAt: { lt: now } }];
}

export async function claimNextVideo(owner: string): Promise<Video | null> {
  const db = getDb();
  const now = new Date();
  const candidates = await db.video.findMany({
    where: { OR: claimable(now) },
    orderBy: [{ uploaded: 'asc' }, { uid: 'asc' }],
    select: { uid: true },
    take: 5,
  });
  for (const { uid } of candidates) {
    const { count } = await db.video.updateMany({
      where: { uid, OR: claimable(now) },
      data: {
        state: 'inprogress',
        claimedBy: owner,
        claimExpiresAt: new Date(now.getTime() + LEASE_MS),
        processingAttempts: { increment: 1 },
        pctComplete: 0,
      },
    });
    if (count > 0) return db.video.findUnique({ where: { uid } });
  }
  return null;
}

/** False when the claim is no longer this process's (another took it over, or the video is gone). */
export async function renewClaim(uid: string, owner: string): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'inprogress', claimedBy: owner },
    data: { claimExpiresAt: new Date(Date.now() + LEASE_MS) },
  });
  return count > 0;
}
