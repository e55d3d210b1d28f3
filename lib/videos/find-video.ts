import type { Principal } from '@/lib/auth/principal';
import { visibleOwnerId } from '@/lib/auth/principal';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/universal/is-media-id';

/** The video, if this principal may see it; a video of someone else is "not found". */
export async function findVisibleVideo(uid: string, principal: Principal): Promise<Video> {
  const ownerId = visibleOwnerId(principal);
  const video = isMediaId(uid) ? await getDb().video.findUnique({ where: { uid } }) : null;
  if (!video || (ownerId !== undefined && video.ownerId !== ownerId)) {
    throw new AppError('NOT_FOUND', `No video with the id "${uid.slice(0, 64)}".`);
  }
  return video;
}
