import { getDb } from '@/lib/db/client';
import type { Video } from '@/lib/generated/prisma/client';
import { wakeJob } from '@/lib/jobs/wake';
import { LEASE_MS } from '@/lib/processing/claims';
import { enqueueVideoNotice } from '@/lib/videos/enqueue-notice';
import { ERROR_REASONS } from '@/lib/videos/states';

/**
 * Uploads via link wait in `downloading`; a process claims one (a lease in claimedBy /
 * claimExpiresAt, renewed while it fetches) so exactly one process fetches it, and another
 * takes over when the holder dies. The transitions out of `downloading` hold only while the
 * claim is still this process's.
 */

export { LEASE_MS };

function claimable(now: Date) {
  return { state: 'downloading', OR: [{ claimedBy: null }, { claimExpiresAt: { lt: now } }] };
}

export async function claimNextCopy(owner: string): Promise<Video | null> {
  const db = getDb();
  const now = new Date();
  const candidates = await db.video.findMany({ where: claimable(now), orderBy: [{ created: 'asc' }, { uid: 'asc' }], select: { uid: true }, take: 5 });
  for (const { uid } of candidates) {
    const { count } = await db.video.updateMany({
      where: { uid, ...claimable(now) },
      data: { claimedBy: owner, claimExpiresAt: new Date(now.getTime() + LEASE_MS), processingAttempts: { increment: 1 } },
    });
    if (count > 0) return db.video.findUnique({ where: { uid } });
  }
  return null;
}

/** Renews the lease; false when the claim is no longer this process's (deleted, or taken over). */
export async function renewCopyClaim(uid: string, owner: string): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'downloading', claimedBy: owner },
    data: { claimExpiresAt: new Date(Date.now() + LEASE_MS) },
  });
  return count > 0;
}

/** Every byte is on disk: the video is queued for processing like a finished upload. */
export async function markCopyComplete(uid: string, owner: string, file: { size: number; sha256: string }): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'downloading', claimedBy: owner },
    data: {
      state: 'queued',
      uploaded: new Date(),
      size: BigInt(file.size),
      sha256: file.sha256,
      claimedBy: null,
      claimExpiresAt: null,
      processingAttempts: 0,
      processingNote: null,
    },
  });
  if (count > 0) wakeJob('processing');
  return count > 0;
}

export async function markCopyFailed(uid: string, owner: string, reason: string): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'downloading', claimedBy: owner },
    data: {
      state: 'error',
      errorReasonCode: ERROR_REASONS.ERR_FETCH_ORIGIN_ERROR,
      errorReasonText: reason,
      claimedBy: null,
      claimExpiresAt: null,
      processingNote: null,
    },
  });
  if (count > 0) await enqueueVideoNotice(uid);
  return count > 0;
}

/** A passing failure on our side: the video goes back to wait for another attempt. */
export async function releaseCopy(uid: string, owner: string, note: string): Promise<void> {
  await getDb().video.updateMany({ where: { uid, state: 'downloading', claimedBy: owner }, data: { claimedBy: null, claimExpiresAt: null, processingNote: note } });
}
