import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { getAuthSecret } from '@/lib/auth/secret';

/**
 * One-time tus upload URLs are capabilities: `/api/tus/<uid>.<expiry>.<signature>`, the
 * signature an HMAC-SHA256 over uid and expiry with a key derived from AUTH_SECRET. The URL
 * alone authorises HEAD, PATCH and DELETE on that one upload; it cannot address another.
 */

export const TUS_PATH = '/api/tus';

const UID = /^[0-9a-f]{32}$/;
const TOKEN = /^([0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

let key: Buffer | undefined;

function signingKey(): Buffer {
  key ??= Buffer.from(hkdfSync('sha256', getAuthSecret(), 'upstream', 'upload-url-v1', 32));
  return key;
}

function sign(uid: string, expirySeconds: number): Buffer {
  return createHmac('sha256', signingKey()).update(`${uid}.${expirySeconds}`).digest();
}

export function isMediaId(uid: string): boolean {
  return UID.test(uid);
}

export function createUploadToken(uid: string, expiry: Date): string {
  const seconds = Math.floor(expiry.getTime() / 1000);
  return `${uid}.${seconds}.${sign(uid, seconds).toString('base64url')}`;
}

/** The uid and expiry a token was signed for, or null when it was not signed by us. */
export function verifyUploadToken(token: string): { uid: string; expiry: Date } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, uid, seconds, signature] = match as unknown as [string, string, string, string];
  const expected = sign(uid, Number(seconds));
  const given = Buffer.from(signature, 'base64url');
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
