import { getDb } from '@/lib/db/client';
import { deleteVideo } from './delete-video';

/**
 * Cloudflare's scheduledDeletion: videos whose time has come are deleted, row and every byte
 * (renditions and downloads too: deleteVideo removes them). Idempotent, so every instance
 * may run it at once: a video another instance deleted first is simply gone.
 */
export async function deleteScheduledVideos(now = new Date()): Promise<number> {
  const due = await getDb().video.findMany({
    where: { scheduledDeletion: { lte: now } },
    select: { uid: true },
    orderBy: { scheduledDeletion: 'asc' },
    take: 500,
  });
  for (const { uid } of due) await deleteVideo(uid);
  return due.length;
}
