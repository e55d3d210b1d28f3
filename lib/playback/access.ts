import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { backgroundOrigin } from '@/lib/instance';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/universal/is-media-id';
import { parseAllowedOrigins } from '@/lib/videos/present-video';
import { evaluateAccessRules, GEOIP_UNSUPPORTED } from './access-rules';
import { isOriginAllowed } from './origin-rules';
import { looksLikeToken, type PlaybackClaims, verifyPlaybackToken } from './verify-token';

/**
 * Who may open a video's public surfaces (thumbnails, manifests, segments, downloads, the
 * watch and iframe pages). The path holds either the uid or a signed token in its place.
 * Every surface asks this one function, so a rule holds on all of them at once:
 *
 * 1. a token must verify (RS256, known `kid`, `nbf`..`exp`) and name an existing video → else 401;
 * 2. the video must exist and not be rejected by an admin → else 404 (a rejected video is
 *    gone for the public; its owner and admins watch it through `appPlaybackId`);
 * 3. with `requireSignedURLs`, the bare uid → 401;
 * 4. a token's `accessRules` against the client's address → `block` is 403;
 * 5. `download` through a token needs `downloadable: true` → else 403;
 * 6. `allowedOrigins` (when not empty) on `manifest` and `page`: the `Origin`, else `Referer`,
 *    host must be listed (or be the app's own host) → else 403. Segments and thumbnails are
 *    not origin-checked (as Cloudflare's: the manifest is the gate; segment URLs are fine by
 *    token or uid).
 * Tokens of the app's own pages (built-in key, app claim) pass 2, 4 and 6.
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
  /** The host (with port) the app is reached at; requests from its own pages pass allowedOrigins. Default: PUBLIC_URL's, else the listening address. */
  host?: string | null;
};

export type PlaybackGrant = { video: Video; viaToken: boolean; claims?: PlaybackClaims };

const NOT_FOUND = 'No such video.';

/** The app's own host: the request's, else PUBLIC_URL's, else where this process listens. */
function ownHost(request: PlaybackRequest): string | null {
  if (request.host) return request.host;
  try {
    return new URL(getEnv().publicUrl ?? backgroundOrigin()).host;
  } catch {
    return null;
  }
}

export async function authorizePlayback(request: PlaybackRequest): Promise<PlaybackGrant> {
  const { idOrToken, surface } = request;
  let claims: PlaybackClaims | undefined;
  let uid: string;
  if (isMediaId(idOrToken)) uid = idOrToken;
  else if (looksLikeToken(idOrToken)) {
    claims = await verifyPlaybackToken(idOrToken);
    uid = claims.uid;
  } else throw new AppError('NOT_FOUND', NOT_FOUND);

  const video = await getDb().video.findUnique({ where: { uid } });
  if (!video && claims) throw new AppError('UNAUTHENTICATED', 'This signed URL is for a video that does not exist (any more).');
  if (!video) throw new AppError('NOT_FOUND', NOT_FOUND);
  const grant: PlaybackGrant = { video, viaToken: claims !== undefined, claims };
  if (claims?.isAppToken) return grant;

  if (video.review === 'rejected') throw new AppError('NOT_FOUND', 'This video is not available.');
  if (!claims && video.requireSignedURLs) {
    throw new AppError('UNAUTHENTICATED', 'This video requires a signed URL: put a token from POST /stream/{uid}/token in place of the uid.');
  }
  if (claims) {
    const decision = evaluateAccessRules(claims.accessRules, request.ip ?? null);
    if (decision === 'unsupported') throw new AppError('FORBIDDEN', `This signed URL cannot be honoured: ${GEOIP_UNSUPPORTED}`);
    if (decision === 'block') throw new AppError('FORBIDDEN', 'This signed URL does not allow access from your network address.');
    if (surface === 'download' && !claims.downloadable) throw new AppError('FORBIDDEN', 'This signed URL does not allow downloads: create the token with "downloadable": true.');
  }
  if (surface === 'manifest' || surface === 'page') {
    const allowed = parseAllowedOrigins(video.allowedOrigins);
    if (!isOriginAllowed(allowed, { origin: request.origin, referer: request.referer, ownHost: ownHost(request) })) {
      throw new AppError('FORBIDDEN', 'This video may only be played on the sites its owner allowed (allowedOrigins).');
    }
  }
  return grant;
}
