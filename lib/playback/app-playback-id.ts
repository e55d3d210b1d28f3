import type { Video } from '@/lib/generated/prisma/client';

/**
 * The id the app's own pages (/videos/{uid}, the admin's review) put in a video's stream URLs,
 * for a viewer already allowed to see the video (its owner, an admin).
 *
 * PLACEHOLDER (player branch): the uid itself. The access engineer's helper replaces it: a
 * short-lived signed token when the video requires signed URLs or was rejected, so the app's
 * pages still play what their viewer may see.
 */
export async function appPlaybackId(video: Pick<Video, 'uid'>): Promise<string> {
  return video.uid;
}
