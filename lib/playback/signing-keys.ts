import { createPrivateKey, createPublicKey, generateKeyPair, type JsonWebKey, type KeyObject, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { getDb } from '@/lib/db/client';
import { processSingleton } from '@/lib/process-singleton';

/**
 * Signing keys for playback tokens (Cloudflare's `POST/GET/DELETE /stream/keys`): RSA 2048,
 * RS256. A key made for a backend is shown once (`pem` = base64 of the PKCS#1 PEM private
 * key, `jwk` = base64 of the private JWK, as Cloudflare's); only its public JWK is stored.
 * The app's own key (`builtIn`, fixed id) signs `POST /{uid}/token` without a key and the
 * app's own player tokens; it keeps its private JWK and is neither listed nor deletable.
 */

export const BUILT_IN_KEY_ID = 'upstream-built-in';

/** How long a process trusts what it read about a key: a key deleted elsewhere stops verifying within this. */
const CACHE_MS = 5_000;

const generate = promisify(generateKeyPair);

export type CreatedSigningKey = { id: string; pem: string; jwk: string; created: string };
export type VerificationKey = { key: KeyObject; builtIn: boolean };

const cache = processSingleton('signing-key-cache', () => new Map<string, { value: VerificationKey | null; at: number }>());
const builtIn = processSingleton('built-in-signing-key', () => ({ key: null as Promise<KeyObject> | null }));

function publicJwkOf(jwk: JsonWebKey, id: string): JsonWebKey {
  return { kty: 'RSA', n: jwk.n, e: jwk.e, use: 'sig', alg: 'RS256', kid: id };
}

async function newKeyPair(id: string): Promise<{ privateKey: KeyObject; privateJwk: JsonWebKey; publicJwk: JsonWebKey }> {
  const { privateKey } = await generate('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { privateKey, privateJwk: { use: 'sig', kid: id, alg: 'RS256', ...jwk }, publicJwk: publicJwkOf(jwk, id) };
}

export async function createSigningKey(): Promise<CreatedSigningKey> {
  const id = randomBytes(16).toString('hex');
  const { privateKey, privateJwk, publicJwk } = await newKeyPair(id);
  const row = await getDb().signingKey.create({ data: { id, publicJwk: JSON.stringify(publicJwk) } });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    id,
    pem: Buffer.from(pem).toString('base64'),
    jwk: Buffer.from(JSON.stringify(privateJwk)).toString('base64'),
    created: row.created.toISOString(),
  };
}

export async function listSigningKeys(): Promise<{ id: string; created: string }[]> {
  const rows = await getDb().signingKey.findMany({ where: { builtIn: false }, orderBy: { created: 'asc' }, select: { id: true, created: true } });
  return rows.map((row) => ({ id: row.id, created: row.created.toISOString() }));
}

/** Deletes a backend's key: every token it signed stops working. False when there is no such key. */
export async function deleteSigningKey(id: string): Promise<boolean> {
  const { count } = await getDb().signingKey.deleteMany({ where: { id, builtIn: false } });
  cache.delete(id);
  return count > 0;
}

/** The public key a token's `kid` names, or null when there is none. */
export async function findVerificationKey(kid: string): Promise<VerificationKey | null> {
  const cached = cache.get(kid);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const row = kid.length <= 64 ? await getDb().signingKey.findUnique({ where: { id: kid } }) : null;
  const value = row ? { key: createPublicKey({ key: JSON.parse(row.publicJwk) as JsonWebKey, format: 'jwk' }), builtIn: row.builtIn } : null;
  if (cache.size > 1000) cache.clear();
  cache.set(kid, { value, at: Date.now() });
  return value;
}

/** The stored public JWK of a backend's key (to check that a `pem` sent to `POST /token` belongs to it). */
export async function findPublicJwk(id: string): Promise<JsonWebKey | null> {
  const row = id.length <= 64 ? await getDb().signingKey.findUnique({ where: { id } }) : null;
  return row && !row.builtIn ? (JSON.parse(row.publicJwk) as JsonWebKey) : null;
}

async function loadBuiltInKey(): Promise<KeyObject> {
  const db = getDb();
  const existing = await db.signingKey.findUnique({ where: { id: BUILT_IN_KEY_ID } });
  if (existing?.privateJwk) return createPrivateKey({ key: JSON.parse(existing.privateJwk) as JsonWebKey, format: 'jwk' });
  const { privateKey, privateJwk, publicJwk } = await newKeyPair(BUILT_IN_KEY_ID);
  try {
    await db.signingKey.create({
      data: { id: BUILT_IN_KEY_ID, builtIn: true, publicJwk: JSON.stringify(publicJwk), privateJwk: JSON.stringify(privateJwk) },
    });
    return privateKey;
  } catch (error) {
    // Another instance made it first: use theirs, so every instance signs with the same key.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    const theirs = await db.signingKey.findUnique({ where: { id: BUILT_IN_KEY_ID } });
    if (!theirs?.privateJwk) throw error;
    return createPrivateKey({ key: JSON.parse(theirs.privateJwk) as JsonWebKey, format: 'jwk' });
  }
}

/** The app's own private key, made once on first use (create-if-absent by its fixed id, safe across instances). */
export async function builtInSigningKey(): Promise<KeyObject> {
  builtIn.key ??= loadBuiltInKey().catch((error: unknown) => {
    builtIn.key = null;
    throw error;
  });
  return builtIn.key;
}
