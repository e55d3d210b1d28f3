import os from 'node:os';
import { createPrivateKey } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { SignJWT } from 'jose';

// The catalog of the unit tests' temporary DATA_DIR (playwright.config.ts), migrated like the app's.
process.env.AUTH_SECRET ??= 'unit-test-secret-unit-test-secret-0123456789';

const { migrateDatabase } = await import('@/lib/db/migrate');
const { getDb } = await import('@/lib/db/client');
const { getEnv } = await import('@/lib/env');
const { authorizePlayback } = await import('./access');
const { appPlaybackId } = await import('./app-playback-id');
const { createPlaybackToken } = await import('./create-token');
const { builtInSigningKey, BUILT_IN_KEY_ID, createSigningKey } = await import('./signing-keys');

let counter = 0;
async function video(columns: { requireSignedURLs?: boolean; review?: string; allowedOrigins?: string[] } = {}) {
  const uid = (counter++).toString(16).padStart(32, '0');
  return getDb().video.create({
    data: {
      uid,
      size: 1000,
      state: 'ready',
      maxDurationSeconds: 60,
      uploadExpiry: new Date(Date.now() + 3_600_000),
      requireSignedURLs: columns.requireSignedURLs ?? false,
      review: columns.review ?? 'pending',
      allowedOrigins: JSON.stringify(columns.allowedOrigins ?? []),
    },
  });
}

const status = (promise: Promise<unknown>) => promise.then(() => 200, (error: { status?: number }) => error.status ?? 500);

test.beforeAll(async () => {
  const env = getEnv();
  // Never a real catalog: the settings are shared with every unit test file of this worker.
  expect(env.dataDir.startsWith(os.tmpdir()), `DATA_DIR ${env.dataDir} is not a temporary folder`).toBe(true);
  await migrateDatabase(env.databaseUrl);
});

test.describe('authorizePlayback and the app’s own playback ids', () => {
  test('a public video plays by uid in the app; the id is the uid itself', async () => {
    const v = await video();
    expect(await appPlaybackId(v)).toBe(v.uid);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'manifest' }))).toBe(200);
  });

  test('a rejected video is closed to the public (404 by uid and by token) but plays through the app token', async () => {
    const v = await video({ review: 'rejected', requireSignedURLs: true, allowedOrigins: ['example.com'] });
    const publicToken = await createPlaybackToken(v.uid, { downloadable: true });
    for (const surface of ['thumbnail', 'manifest', 'segment', 'download', 'page'] as const) {
      expect(await status(authorizePlayback({ idOrToken: v.uid, surface })), surface).toBe(404);
      expect(await status(authorizePlayback({ idOrToken: publicToken, surface, origin: 'https://example.com' })), surface).toBe(404);
    }
    const appId = await appPlaybackId(v);
    expect(appId).not.toBe(v.uid);
    for (const surface of ['thumbnail', 'manifest', 'segment', 'download', 'page'] as const) {
      const grant = await authorizePlayback({ idOrToken: appId, surface, origin: 'https://elsewhere.example' });
      expect(grant.video.uid, surface).toBe(v.uid);
      expect(grant.claims?.isAppToken).toBe(true);
    }
  });

  test('allowedOrigins apply to manifests and pages only, and the app host passes', async () => {
    const v = await video({ allowedOrigins: ['*.example.com'] });
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'manifest', origin: 'https://a.example.com' }))).toBe(200);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'page', referer: 'https://evil.example/' }))).toBe(403);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'manifest' }))).toBe(403);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'manifest', referer: 'http://localhost:3000/stream/x/watch', host: 'localhost:3000' }))).toBe(200);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'segment' }))).toBe(200);
    expect(await status(authorizePlayback({ idOrToken: v.uid, surface: 'thumbnail' }))).toBe(200);
  });

  test('the app claim counts only from the built-in key: neither POST /token nor a backend key can grant it', async () => {
    const v = await video({ review: 'rejected' });
    const token = await createPlaybackToken(v.uid, { app: true } as never);
    expect(await status(authorizePlayback({ idOrToken: token, surface: 'manifest' }))).toBe(404);
    const key = await createSigningKey();
    const privateKey = createPrivateKey(Buffer.from(key.pem, 'base64').toString());
    const forged = await new SignJWT({ sub: v.uid, kid: key.id, exp: Math.floor(Date.now() / 1000) + 600, app: true }).setProtectedHeader({ alg: 'RS256', kid: key.id }).sign(privateKey);
    expect(await status(authorizePlayback({ idOrToken: forged, surface: 'manifest' }))).toBe(404);
  });

  test('the built-in key is made once and kept: one row with its fixed id, the same key on every call', async () => {
    const keys = await Promise.all([builtInSigningKey(), builtInSigningKey()]);
    expect(keys[0]).toBe(keys[1]);
    expect(await getDb().signingKey.count({ where: { id: BUILT_IN_KEY_ID, builtIn: true } })).toBe(1);
  });

  test('anything that is neither a uid nor a token is 404; garbage shaped like a token is 401', async () => {
    expect(await status(authorizePlayback({ idOrToken: '../etc/passwd', surface: 'manifest' }))).toBe(404);
    expect(await status(authorizePlayback({ idOrToken: 'aaaa.bbbb.cccc', surface: 'manifest' }))).toBe(401);
  });
});
