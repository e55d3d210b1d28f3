import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { creatorSchema, futureDate, maxDurationSchema, videoOptionsData, videoOptionsShape } from './video-options';

/**
 * Cloudflare's edit (`POST /stream/{uid}`): the fields given change, the others stay.
 * `scheduledDeletion: null` and `creator: null` remove them; `maxDurationSeconds` only while
 * the video waits for its upload (`pendingupload`).
 */

export const editVideoSchema = z.object({
  ...videoOptionsShape,
  creator: creatorSchema.nullable().optional(),
  scheduledDeletion: futureDate('scheduledDeletion').nullable().optional(),
  maxDurationSeconds: maxDurationSchema.optional(),
  /** Cloudflare's check that the right video is edited. */
  uid: z.string({ error: 'uid must be a string.' }).optional(),
});

export type VideoEdit = z.output<typeof editVideoSchema>;

export async function editVideo(video: Video, edit: VideoEdit): Promise<Video> {
  if (edit.uid !== undefined && edit.uid !== video.uid) {
    throw new AppError('BAD_REQUEST', `uid "${edit.uid.slice(0, 64)}" in the body is not the video of this URL (${video.uid}).`);
  }
  const isPending = video.state === 'pendingupload';
  if (edit.maxDurationSeconds !== undefined && !isPending) {
    throw new AppError('BAD_REQUEST', `maxDurationSeconds can only be changed before the upload is complete; this video is ${video.state}.`);
  }
  const db = getDb();
  const { count } = await db.video.updateMany({
    // The upload may complete meanwhile: the new limit holds only if it still waits.
    where: { uid: video.uid, ...(edit.maxDurationSeconds !== undefined ? { state: 'pendingupload' } : {}) },
    data: { ...videoOptionsData(edit), ...(edit.maxDurationSeconds !== undefined ? { maxDurationSeconds: edit.maxDurationSeconds } : {}) },
  });
  const updated = await db.video.findUnique({ where: { uid: video.uid } });
  if (!updated) throw new AppError('NOT_FOUND', `No video with the id "${video.uid}".`);
  if (count === 0) throw new AppError('CONFLICT', 'The upload completed meanwhile: maxDurationSeconds can no longer be changed.');
  return updated;
}
