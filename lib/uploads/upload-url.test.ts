import { expect, test } from '@playwright/test';
import { createUploadToken, tokenFromPath, verifyUploadToken } from './upload-url';

// No AUTH_SECRET of its own: setting one in process.env would reach every later test file of
// this worker. Without it the module signs with the secret it generates in DATA_DIR, which the
// test configs point at a temporary folder.

test.describe('signed upload URLs', () => {
  const uid = '0123456789abcdef0123456789abcdef';
  const expiry = new Date('2030-01-02T03:04:05Z');

  test('a token verifies to its uid and expiry', () => {
    expect(verifyUploadToken(createUploadToken(uid, expiry))).toEqual({ uid, expiry });
  });

  test('any change to uid, expiry or signature fails verification', () => {
    const token = createUploadToken(uid, expiry);
    const [, seconds, signature] = token.split('.') as [string, string, string];
    const otherUid = 'f'.repeat(32);
    expect(verifyUploadToken(`${otherUid}.${seconds}.${signature}`)).toBeNull();
    expect(verifyUploadToken(`${uid}.${Number(seconds) + 1}.${signature}`)).toBeNull();
    expect(verifyUploadToken(`${uid}.${seconds}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(verifyUploadToken(`${uid}.${seconds}`)).toBeNull();
    expect(verifyUploadToken('')).toBeNull();
  });

  test('a signature has one spelling: every other last character is refused (base64url has spare bits there)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < 16; i++) {
      const token = createUploadToken(uid, new Date(expiry.getTime() + i * 1000));
      const last = token.at(-1)!;
      for (const other of alphabet.replace(last, '')) expect(verifyUploadToken(`${token.slice(0, -1)}${other}`)).toBeNull();
    }
  });

  test('the token is read from the path under /api/tus/ only', () => {
    expect(tokenFromPath('/api/tus/abc')).toBe('abc');
    expect(tokenFromPath('/api/tus/abc/')).toBe('abc');
    expect(tokenFromPath('/api/tus/a/b')).toBeNull();
    expect(tokenFromPath('/api/other/abc')).toBeNull();
  });

  test('a direct-upload token does not verify as a tus token, nor the other way round', () => {
    const direct = createUploadToken(uid, expiry, 'direct');
    expect(verifyUploadToken(direct, 'direct')).toEqual({ uid, expiry });
    expect(verifyUploadToken(direct)).toBeNull();
    expect(verifyUploadToken(createUploadToken(uid, expiry), 'direct')).toBeNull();
  });
});
