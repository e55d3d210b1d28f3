import type { Principal } from '@/lib/auth/principal';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { findVisibleVideo } from './find-video';

/**
 * Gives a video a new name (the API's `meta.name`): the owner, or an admin. Someone else's video
 * is "not found", exactly like one that does not exist. The name is kept in both places the
 * catalog reads it: the `name` column (lists, search) and the metadata JSON.
 */
export async function renameVideo(uid: string, name: string, principal: Principal): Promise<void> {
  const video = await findVisibleVideo(uid, principal);
  let meta: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(video.meta);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) meta = parsed as Record<string, unknown>;
  } catch {
    // A row whose metadata is not JSON gets a fresh object with the name.
  }
  const { count } = await getDb().video.updateMany({ where: { uid: video.uid }, data: { name, meta: JSON.stringify({ ...meta, name }) } });
  if (count === 0) throw new AppError('NOT_FOUND', 'This video no longer exists: it was deleted meanwhile.');
}
