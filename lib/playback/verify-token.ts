import { compactVerify, errors } from 'jose';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { isMediaId } from '@/lib/universal/is-media-id';
import { type AccessRule, accessRuleSchema } from './access-rules';
import { findVerificationKey } from './signing-keys';

/**
 * Verifies a playback token with jose: RS256 only, signed by the key its `kid` names (a key
 * from POST /stream/keys, or the app's built-in key), `sub` a media ID, within `nbf`..`exp`.
 * Every failure is 401 with a message that says which check failed.
 */

const JWT = /^[A-Za-z0-9_-]{2,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{2,2048}$/;

/** Clock skew allowed on `nbf` only: an expired token is expired. */
const NBF_LEEWAY_SECONDS = 30;

/** Cloudflare's own examples write exp and nbf as strings of digits: accept both. */
const seconds = z.union([z.number(), z.string().regex(/^\d{1,12}$/).transform(Number)]);

const claimsSchema = z.object({
  sub: z.string(),
  kid: z.string().optional(),
  exp: seconds,
  nbf: seconds.optional(),
  downloadable: z.boolean().optional(),
  accessRules: z.array(accessRuleSchema).optional(),
  app: z.literal(true).optional(),
});

export type PlaybackClaims = {
  uid: string;
  kid: string;
  exp: number;
  downloadable: boolean;
  accessRules: AccessRule[];
  /** Signed by the built-in key with the app's claim: a token of the app's own pages. */
  isAppToken: boolean;
};

export function looksLikeToken(value: string): boolean {
  return JWT.test(value);
}

const unauthorized = (message: string) => new AppError('UNAUTHENTICATED', `${message} Ask the video's owner for a new signed URL.`);

export async function verifyPlaybackToken(token: string, now = Date.now()): Promise<PlaybackClaims> {
  if (!looksLikeToken(token)) throw unauthorized('This is not a signed URL token.');
  let kid = '';
  let builtIn = false;
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(
      token,
      async (header) => {
        kid = typeof header.kid === 'string' ? header.kid : '';
        const found = kid ? await findVerificationKey(kid) : null;
        if (!found) throw unauthorized(kid ? 'The key that signed this token does not exist (it was deleted, or never made here).' : 'The token names no key (kid).');
        builtIn = found.builtIn;
        return found.key;
      },
      { algorithms: ['RS256'] },
    ));
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof errors.JOSEError) throw unauthorized('The token\'s signature does not verify.');
    throw error;
  }
  let parsed;
  try {
    parsed = claimsSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    throw unauthorized('The token\'s claims are not JSON.');
  }
  if (!parsed.success) throw unauthorized(`The token's claims are not those of a signed URL (${parsed.error.issues[0]?.path.join('.') || 'claims'}).`);
  const claims = parsed.data;
  if (claims.kid !== undefined && claims.kid !== kid) throw unauthorized('The token\'s kid claim and header disagree.');
  if (!isMediaId(claims.sub)) throw unauthorized('The token\'s sub is not a video id.');
  const nowSeconds = now / 1000;
  if (nowSeconds >= claims.exp) throw unauthorized('This signed URL has expired.');
  if (claims.nbf !== undefined && nowSeconds + NBF_LEEWAY_SECONDS < claims.nbf) throw unauthorized('This signed URL is not valid yet (nbf).');
  return {
    uid: claims.sub,
    kid,
    exp: claims.exp,
    downloadable: claims.downloadable === true,
    accessRules: claims.accessRules ?? [],
    isAppToken: builtIn && claims.app === true,
  };
}
