import { getDb } from '@/lib/db/client';

/**
 * MP4 download jobs are claimed in the catalog like processing: a video whose
 * `downloadState` is `inprogress` and whose download claim is free (or its lease ran out:
 * its process died) is taken by one conditional update, and the holder renews the lease.
 */

export const DOWNLOAD_LEASE_MS = 20_000;

function claimable(now: Date) {
  return { downloadState: 'inprogress', state: 'ready', OR: [{ downloadClaimedBy: null }, { downloadClaimExpiresAt: { lt: now } }] };
}

export async function claimNextDownload(owner: string): Promise<string | null> {
  const db = getDb();
  const now = new Date();
  const candidates = await db.video.findMany({ where: claimable(now), orderBy: { uid: 'asc' }, select: { uid: true }, take: 5 });
  for (const { uid } of candidates) {
    const { count } = await db.video.updateMany({
      where: { uid, ...claimable(now) },
      data: { downloadClaimedBy: owner, downloadClaimExpiresAt: new Date(now.getTime() + DOWNLOAD_LEASE_MS) },
    });
    if (count > 0) return uid;
  }
  return null;
}

export async function renewDownloadClaim(uid: string, owner: string): Promise<void> {
  await getDb().video.updateMany({
    where: { uid, downloadState: 'inprogress', downloadClaimedBy: owner },
    data: { downloadClaimExpiresAt: new Date(Date.now() + DOWNLOAD_LEASE_MS) },
  });
}

/** Records progress or the outcome, only while this process still holds the claim (a DELETE may have ended it). */
export async function updateClaimedDownload(uid: string, owner: string, data: { downloadPct?: number; downloadState?: 'ready' | 'error' }): Promise<boolean> {
  const done = data.downloadState !== undefined;
  const { count } = await getDb().video.updateMany({
    where: { uid, downloadState: 'inprogress', downloadClaimedBy: owner },
    data: { ...data, ...(done ? { downloadClaimedBy: null, downloadClaimExpiresAt: null } : {}) },
  });
  return count > 0;
}
