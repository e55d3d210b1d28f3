import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { type AccessRule, accessRuleSchema, GEOIP_UNSUPPORTED } from './access-rules';
import { BUILT_IN_KEY_ID, builtInSigningKey, findPublicJwk } from './signing-keys';

/**
 * `POST /stream/{uid}/token`, as Cloudflare's: an RS256 JWT (header `kid`; claims `sub` = uid,
 * `kid`, `exp`, `nbf`, optional `downloadable` and `accessRules`) that stands in place of the
 * uid in every public URL of the video. Signed with the key named by `id` + `pem`, else with
 * the app's built-in key.
 */

export const DEFAULT_TOKEN_SECONDS = 3600;
export const MAX_TOKEN_SECONDS = 24 * 3600;

const unixSeconds = z.number().int().nonnegative().max(2 ** 40);

export const tokenRequestSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    pem: z.string().min(1).max(16_384).optional(),
    exp: unixSeconds.optional(),
    nbf: unixSeconds.optional(),
    downloadable: z.boolean().optional(),
    accessRules: z.array(accessRuleSchema).max(100).optional(),
    flags: z.object({ original: z.boolean().optional() }).optional(),
  })
  .refine((body) => (body.id === undefined) === (body.pem === undefined), { message: 'id and pem go together: send both (a key from POST /stream/keys) or neither' });

export type TokenRequest = z.infer<typeof tokenRequestSchema>;

/** Claims only the app's own key may carry: the app's pages play what the public may not (rejected videos, allowedOrigins). */
export type AppClaims = { app?: true };

export type TokenClaims = { sub: string; kid: string; exp: number; nbf: number; downloadable?: boolean; accessRules?: AccessRule[] } & AppClaims;

function decodePem(pem: string): KeyObject {
  const text = pem.includes('-----BEGIN') ? pem : Buffer.from(pem, 'base64').toString('utf8');
  try {
    return createPrivateKey(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'pem is not a base64-encoded PEM private key (use the pem that POST /stream/keys returned).');
  }
}

async function backendKey(id: string, pem: string): Promise<KeyObject> {
  const stored = await findPublicJwk(id);
  if (!stored) throw new AppError('BAD_REQUEST', `No signing key with the id "${id.slice(0, 64)}": create one with POST /stream/keys.`);
  const key = decodePem(pem);
  const publicJwk = createPublicKey(key).export({ format: 'jwk' });
  if (key.asymmetricKeyType !== 'rsa' || publicJwk.n !== stored.n || publicJwk.e !== stored.e) {
    throw new AppError('BAD_REQUEST', `That pem is not the private key of signing key "${id}".`);
  }
  return key;
}

function claimTimes(request: TokenRequest, nowSeconds: number): { exp: number; nbf: number } {
  const exp = request.exp ?? nowSeconds + DEFAULT_TOKEN_SECONDS;
  if (exp <= nowSeconds) throw new AppError('BAD_REQUEST', 'exp must be in the future (unix seconds).');
  if (exp > nowSeconds + MAX_TOKEN_SECONDS) throw new AppError('BAD_REQUEST', 'exp may be at most 24 hours from now.');
  // Cloudflare's default nbf is an hour before issuing: clocks of viewers and servers differ.
  const nbf = request.nbf ?? nowSeconds - 3600;
  if (nbf >= exp) throw new AppError('BAD_REQUEST', 'nbf must be before exp.');
  return { exp, nbf };
}

async function sign(claims: TokenClaims, key: KeyObject): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: claims.kid }).sign(key);
}

export async function createPlaybackToken(uid: string, request: TokenRequest, now = Date.now()): Promise<string> {
  if (request.accessRules?.some((rule) => rule.type === 'ip.geoip.country')) throw new AppError('BAD_REQUEST', `accessRules: ${GEOIP_UNSUPPORTED}`);
  const { exp, nbf } = claimTimes(request, Math.floor(now / 1000));
  const key = request.id && request.pem ? await backendKey(request.id, request.pem) : await builtInSigningKey();
  const claims: TokenClaims = { sub: uid, kid: request.id ?? BUILT_IN_KEY_ID, exp, nbf };
  if (request.downloadable !== undefined) claims.downloadable = request.downloadable;
  if (request.accessRules && request.accessRules.length > 0) claims.accessRules = request.accessRules;
  return sign(claims, key);
}

/** A token for the app's own pages (owner, admin): passes rejection and allowedOrigins, allows the download. */
export async function createAppToken(uid: string, seconds: number, now = Date.now()): Promise<string> {
  const nowSeconds = Math.floor(now / 1000);
  return sign({ sub: uid, kid: BUILT_IN_KEY_ID, exp: nowSeconds + seconds, nbf: nowSeconds - 60, downloadable: true, app: true }, await builtInSigningKey());
}
