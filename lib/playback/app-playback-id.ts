import type { Video } from '@/lib/generated/prisma/client';
import { parseAllowedOrigins } from '@/lib/videos/present-video';
import { createAppToken } from './create-token';

/**
 * What the app's own pages (`/videos/{uid}` for the owner, `/admin` for admins) put where the
 * uid stands in playback URLs: the uid while the video is public, else a short-lived token of
 * the built-in key that passes rejection and allowedOrigins (and allows the download). Call it
 * only after checking that the signed-in user may see the video.
 */

const APP_TOKEN_SECONDS = 6 * 3600;

export function isPubliclyPlayable(video: Pick<Video, 'requireSignedURLs' | 'review' | 'allowedOrigins'>): boolean {
  return !video.requireSignedURLs && video.review !== 'rejected' && parseAllowedOrigins(video.allowedOrigins).length === 0;
}

export async function appPlaybackId(video: Pick<Video, 'uid' | 'requireSignedURLs' | 'review' | 'allowedOrigins'>): Promise<string> {
  return isPubliclyPlayable(video) ? video.uid : createAppToken(video.uid, APP_TOKEN_SECONDS);
}
