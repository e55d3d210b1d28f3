import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { instanceId } from '@/lib/instance';
import { wakeJob } from '@/lib/jobs/wake';
import { removeUploadFiles } from '@/lib/storage/upload-files';
import { isGone } from '@/lib/videos/states';
import { receiveMultipartFile } from './receive-multipart-file';

/**
 * Receives the one POST of a basic upload (`uploadMethod: basic`): the file of a
 * `multipart/form-data` body, streamed to disk, then the video is `queued` like a finished
 * tus upload. One-time: the POST claims the video in the catalog first (a conditional
 * update, so of two concurrent POSTs one wins, in any instance); the claim is a lease, so a
 * POST cut off by a crash does not lock the URL for good. A failed POST keeps nothing and
 * leaves the URL usable until it expires.
 */

/** Cloudflare's limit for basic uploads: 200 MB (larger files take tus). */
export const BASIC_UPLOAD_MAX_BYTES = 200_000_000;

const LEASE_MS = 60_000;

export function basicUploadLimit(): number {
  return Math.min(BASIC_UPLOAD_MAX_BYTES, getEnv().maxUploadBytes);
}

export type BasicUpload = { uid: string; body: Readable; contentType: string; expiry?: Date };

async function claimUpload(uid: string, expiry: Date | undefined, receipt: string): Promise<void> {
  const db = getDb();
  const video = await db.video.findUnique({ where: { uid }, select: { state: true, errorReasonCode: true, uploadExpiry: true, uploadMethod: true } });
  // A URL signed for another expiry than the row's is not this upload's URL.
  if (!video || video.uploadMethod !== 'basic' || (expiry && video.uploadExpiry.getTime() !== expiry.getTime())) {
    throw new AppError('NOT_FOUND', 'Upload not found: this upload URL is unknown, altered, or its video was deleted.');
  }
  if (isGone(video)) {
    throw new AppError('GONE', video.errorReasonCode === 'ERR_CANCELLED' ? 'This upload was cancelled.' : 'This upload URL expired before a file was sent. Request a new one.');
  }
  if (video.state !== 'pendingupload') throw new AppError('CONFLICT', 'This upload URL has already been used: it takes one file, once.');
  const now = new Date();
  if (video.uploadExpiry.getTime() <= now.getTime()) {
    throw new AppError('GONE', `This upload URL expired at ${video.uploadExpiry.toISOString()}. Request a new one.`);
  }
  const { count } = await db.video.updateMany({
    where: { uid, state: 'pendingupload', OR: [{ claimedBy: null }, { claimExpiresAt: { lt: now } }] },
    data: { claimedBy: receipt, claimExpiresAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (count === 0) throw new AppError('CONFLICT', 'Another upload to this URL is in progress: it takes one file, once.');
}

export async function receiveBasicUpload({ uid, body, contentType, expiry }: BasicUpload): Promise<void> {
  const db = getDb();
  const receipt = `${instanceId()}:${randomUUID()}`;
  await claimUpload(uid, expiry, receipt);
  const renew = setInterval(() => {
    void db.video
      .updateMany({ where: { uid, claimedBy: receipt }, data: { claimExpiresAt: new Date(Date.now() + LEASE_MS) } })
      .catch(() => {});
  }, LEASE_MS / 4);
  try {
    const file = await receiveMultipartFile(body, contentType, uid, basicUploadLimit());
    if (file.size === 0) throw new AppError('BAD_REQUEST', 'The file is empty.');
    const video = await db.video.findUnique({ where: { uid }, select: { name: true } });
    const { count } = await db.video.updateMany({
      where: { uid, state: 'pendingupload', claimedBy: receipt },
      data: {
        state: 'queued',
        uploaded: new Date(),
        size: BigInt(file.size),
        sha256: file.sha256,
        claimedBy: null,
        claimExpiresAt: null,
        ...(video && !video.name && file.filename ? { name: file.filename.slice(0, 1024) } : {}),
      },
    });
    if (count === 0) throw new AppError('GONE', 'This upload ended while the file arrived (it expired or its video was deleted).');
    wakeJob('processing');
  } catch (error) {
    await removeUploadFiles(uid).catch(() => {});
    await db.video.updateMany({ where: { uid, claimedBy: receipt }, data: { claimedBy: null, claimExpiresAt: null } }).catch(() => {});
    throw error;
  } finally {
    clearInterval(renew);
  }
}
