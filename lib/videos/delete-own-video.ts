import type { Principal } from '@/lib/auth/principal';
import { deleteVideo } from './delete-video';
import { findVisibleVideo } from './find-video';

/**
 * Deletes a video (row, upload and every stream file) for its owner or an admin; someone
 * else's video is "not found", exactly like one that does not exist. Returns the name it had.
 */
export async function deleteOwnVideo(uid: string, principal: Principal): Promise<string> {
  const video = await findVisibleVideo(uid, principal);
  await deleteVideo(video.uid);
  return video.name;
}
