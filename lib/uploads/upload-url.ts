import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { getAuthSecret } from '@/lib/auth/secret';

/**
 * One-time tus upload URLs are capabilities: `/api/tus/<uid>.<expiry>.<signature>`, the
 * signature an HMAC-SHA256 over uid and expiry with a key derived from AUTH_SECRET. The URL
 * alone authorises HEAD, PATCH and DELETE on that one upload; it cannot address another.
 */

export const TUS_PATH = '/api/tus';

const TOKEN = /^([0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * What a token opens: `tus` (the tus URL under /api/tus/) or `direct` (the one-POST basic
 * direct upload under /api/direct/). Each has its own key, so one kind never opens the other.
 */
export type UploadTokenKind = 'tus' | 'direct';

const KEY_INFO: Record<UploadTokenKind, string> = { tus: 'upload-url-v1', direct: 'direct-upload-url-v1' };
const keys = new Map<UploadTokenKind, Buffer>();

function signingKey(kind: UploadTokenKind): Buffer {
  let key = keys.get(kind);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', getAuthSecret(), 'upstream', KEY_INFO[kind], 32));
    keys.set(kind, key);
  }
  return key;
}

function sign(uid: string, expirySeconds: number, kind: UploadTokenKind): Buffer {
  return createHmac('sha256', signingKey(kind)).update(`${uid}.${expirySeconds}`).digest();
}

export function createUploadToken(uid: string, expiry: Date, kind: UploadTokenKind = 'tus'): string {
  const seconds = Math.floor(expiry.getTime() / 1000);
  return `${uid}.${seconds}.${sign(uid, seconds, kind).toString('base64url')}`;
}

/** The uid and expiry a token was signed for, or null when it was not signed by us. */
export function verifyUploadToken(token: string, kind: UploadTokenKind = 'tus'): { uid: string; expiry: Date } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, uid, seconds, signature] = match as unknown as [string, string, string, string];
  // Compared as text: base64url's last character has spare bits, so decoding first would let
  // several spellings of one signature pass (an altered URL must not).
  const expected = Buffer.from(sign(uid, Number(seconds), kind).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { uid, expiry: new Date(Number(seconds) * 1000) };
}

export function uploadUrl(baseUrl: string, uid: string, expiry: Date): string {
  return `${baseUrl}${TUS_PATH}/${createUploadToken(uid, expiry)}`;
}

/** The token in a request path under /api/tus/, or null. */
export function tokenFromPath(pathname: string): string | null {
  if (!pathname.startsWith(`${TUS_PATH}/`)) return null;
  const rest = pathname.slice(TUS_PATH.length + 1).replace(/\/$/, '');
  return rest.includes('/') || rest === '' ? null : rest;
}
