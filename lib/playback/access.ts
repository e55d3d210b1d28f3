import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/uploads/upload-url';

/**
 * Who may open a video's public surfaces (thumbnails, manifests, segments, downloads, the
 * watch and iframe pages). The path holds either the uid or a signed token in its place.
 * Every surface asks this one function, so a rule (signed URLs, allowedOrigins, an admin's
 * rejection) holds on all of them at once.
 *
 * STUB from the foundation commit: uid only, requireSignedURLs → 401. The signed-URL work
 * (lib/playback/tokens.ts, keys) fills in tokens, allowedOrigins and rejection.
 */

export type PlaybackSurface = 'thumbnail' | 'manifest' | 'segment' | 'download' | 'page';

export type PlaybackRequest = {
  /** The path segment where the uid stands: a uid or a signed token. */
  idOrToken: string;
  surface: PlaybackSurface;
  /** The client's address (after TRUST_PROXY), for a token's ip access rules. */
  ip?: string | null;
  origin?: string | null;
  referer?: string | null;
};

export type PlaybackGrant = { video: Video; viaToken: boolean };

export async function authorizePlayback(request: PlaybackRequest): Promise<PlaybackGrant> {
  const uid = request.idOrToken;
  const video = isMediaId(uid) ? await getDb().video.findUnique({ where: { uid } }) : null;
  if (!video) throw new AppError('NOT_FOUND', 'No such video.');
  if (video.requireSignedURLs) throw new AppError('UNAUTHENTICATED', 'This video requires a signed URL: put a token from POST /stream/{uid}/token in place of the uid.');
  return { video, viaToken: false };
}
