import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Cloudflare, { BadRequestError, NotFoundError } from 'cloudflare';
import { decodeJwt, decodeProtectedHeader, importJWK, type JWK, SignJWT } from 'jose';
import { createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { redisEnv } from '../fixtures/redis';
import { expect, test } from '../fixtures/test';
import { setVideoColumns } from '../fixtures/catalog';
import { type Envelope, mintOk, streamUrl } from '../fixtures/http';
import { makeClip, mediaDir } from '../fixtures/media';
import { createToken, hlsFiles, uploadReady } from '../fixtures/playback';

type SigningKey = { id: string; pem: string; jwk: string; created: string };

async function api(app: { baseUrl: string }, token: string, method: string, rest: string, body?: unknown): Promise<{ status: number; json: Envelope }> {
  const res = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream${rest}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as Envelope };
}

async function createKey(app: { baseUrl: string }, token: string): Promise<SigningKey> {
  const { status, json } = await api(app, token, 'POST', '/keys');
  expect(status).toBe(200);
  return json.result as SigningKey;
}

async function selfSigned(key: SigningKey, claims: Record<string, unknown>, from: 'pem' | 'jwk' = 'pem'): Promise<string> {
  const privateKey =
    from === 'pem' ? createPrivateKey(Buffer.from(key.pem, 'base64').toString('utf8')) : await importJWK(JSON.parse(Buffer.from(key.jwk, 'base64').toString('utf8')) as JWK, 'RS256');
  return new SignJWT({ kid: key.id, ...claims }).setProtectedHeader({ alg: 'RS256', kid: key.id }).sign(privateKey);
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function thumbnailUrl(app: { baseUrl: string }, idOrToken: string): string {
  return `${app.baseUrl}/stream/${idOrToken}/thumbnails/thumbnail.jpg`;
}
function masterUrl(app: { baseUrl: string }, idOrToken: string): string {
  return `${app.baseUrl}/stream/${idOrToken}/manifest/video.m3u8`;
}

test.describe('signing keys and token requests', () => {
  test('POST /keys shows pem and jwk once; GET lists only id and created; DELETE answers a string', async ({ app, token }) => {
    const key = await createKey(app, token);
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(key.pem, 'base64').toString()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const jwk = JSON.parse(Buffer.from(key.jwk, 'base64').toString()) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'RSA', kid: key.id, alg: 'RS256', use: 'sig' });
    expect(jwk.d).toBeTruthy();
    expect(new Date(key.created).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const listed = (await api(app, token, 'GET', '/keys')).json.result as Record<string, unknown>[];
    expect(listed).toContainEqual({ id: key.id, created: key.created });
    expect(listed.every((entry) => Object.keys(entry).sort().join() === 'created,id')).toBe(true);

    const deleted = await api(app, token, 'DELETE', `/keys/${key.id}`);
    expect(deleted.status).toBe(200);
    expect(typeof deleted.json.result).toBe('string');
    expect(((await api(app, token, 'GET', '/keys')).json.result as { id: string }[]).map((k) => k.id)).not.toContain(key.id);
    expect((await api(app, token, 'DELETE', `/keys/${key.id}`)).status).toBe(404);
  });

  test('keys and tokens need the API token', async ({ app }) => {
    const uid = 'f'.repeat(32);
    for (const [method, rest] of [['POST', '/keys'], ['GET', '/keys'], ['DELETE', '/keys/abc'], ['POST', `/${uid}/token`]] as const) {
      const res = await fetch(streamUrl(app, rest), { method });
      expect(res.status, `${method} ${rest}`).toBe(401);
      expect(((await res.json()) as Envelope).success).toBe(false);
    }
  });

  test('POST /token without a body makes an RS256 JWT: kid header and claim, sub = uid, exp one hour ahead', async ({ app, token }) => {
    const { uid } = await mintOk(app, token);
    const jwt = await createToken(app, token, uid);
    const header = decodeProtectedHeader(jwt);
    const claims = decodeJwt(jwt);
    expect(header.alg).toBe('RS256');
    expect(header.kid).toBeTruthy();
    expect(claims.kid).toBe(header.kid);
    expect(claims.sub).toBe(uid);
    expect(Math.abs(claims.exp! - (Date.now() / 1000 + 3600))).toBeLessThan(60);
    expect(claims.nbf).toBeLessThan(Date.now() / 1000);

    const key = await createKey(app, token);
    const withKey = await createToken(app, token, uid, { id: key.id, pem: key.pem, downloadable: true, exp: inAnHour(), accessRules: [{ type: 'any', action: 'allow' }] });
    expect(decodeProtectedHeader(withKey).kid).toBe(key.id);
    expect(decodeJwt(withKey)).toMatchObject({ sub: uid, kid: key.id, downloadable: true, accessRules: [{ type: 'any', action: 'allow' }] });
  });

  test("the official SDK's stream.keys and stream.token work unchanged", async ({ app, token }) => {
    const client = new Cloudflare({ apiToken: token, baseURL: `${app.baseUrl}/client/v4`, maxRetries: 0 });
    const account_id = 'local';
    const key = await client.stream.keys.create({ account_id });
    expect(key.id).toMatch(/^[0-9a-f]{32}$/);
    expect(key.pem && key.jwk && key.created).toBeTruthy();
    const listed = [];
    for await (const entry of client.stream.keys.get({ account_id })) listed.push(entry);
    expect(listed.map((entry) => entry.id)).toContain(key.id);

    const { uid } = await mintOk(app, token);
    const signed = await client.stream.token.create(uid, { account_id, id: key.id, pem: key.pem, downloadable: true });
    expect(decodeJwt(signed.token!)).toMatchObject({ sub: uid, kid: key.id, downloadable: true });
    expect(decodeJwt((await client.stream.token.create(uid, { account_id })).token!).sub).toBe(uid);
    await expect(client.stream.token.create(uid, { account_id, exp: Math.floor(Date.now() / 1000) + 48 * 3600 })).rejects.toBeInstanceOf(BadRequestError);

    expect(typeof (await client.stream.keys.delete(key.id!, { account_id }))).toBe('string');
    await expect(client.stream.keys.delete(key.id!, { account_id })).rejects.toBeInstanceOf(NotFoundError);
  });

  test('token requests are checked: bad exp, nbf, keys and rules are 400 with a message; an unknown video 404', async ({ app, token }) => {
    const { uid } = await mintOk(app, token);
    const key = await createKey(app, token);
    const other = await createKey(app, token);
    const now = Math.floor(Date.now() / 1000);
    const bad: [unknown, RegExp][] = [
      [{ exp: now + 25 * 3600 }, /24 hours/],
      [{ exp: now - 10 }, /future/],
      [{ exp: 'tomorrow' }, /exp/],
      [{ nbf: now + 7200, exp: now + 3600 }, /nbf/],
      [{ id: key.id }, /id and pem/],
      [{ id: key.id, pem: other.pem }, /not the private key/],
      [{ id: 'f'.repeat(32), pem: key.pem }, /No signing key/],
      [{ id: key.id, pem: 'bm90IGEga2V5' }, /pem/],
      [{ accessRules: [{ type: 'ip.src', action: 'block', ip: ['999.1.1.1'] }] }, /accessRules/],
      [{ accessRules: [{ type: 'ip.geoip.country', action: 'block', country: ['US'] }] }, /geoip/],
      [{ downloadable: 'yes' }, /downloadable/],
    ];
    for (const [body, message] of bad) {
      const { status, json } = await api(app, token, 'POST', `/${uid}/token`, body);
      expect(status, JSON.stringify(body)).toBe(400);
      expect(json.errors[0]!.message).toMatch(message);
    }
    const notJson = await fetch(streamUrl(app, `/${uid}/token`), { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await api(app, token, 'POST', `/${'0'.repeat(32)}/token`)).status).toBe(404);
  });
});

test.describe('signed playback', () => {
  let dir: string;
  let clip: string;
  let signed: string;
  let open: string;

  test.beforeAll(async ({ app, token, provider }) => {
    test.skip(provider === 'postgresql', 'encoding-heavy: covered on SQLite');
    dir = mediaDir();
    clip = makeClip(dir, 'clip.mp4', { seconds: 2 });
    signed = await uploadReady(app, token, clip, { requiresignedurls: null });
    open = await uploadReady(app, token, clip);
  });
  test.afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('with requireSignedURLs the uid answers 401 on the thumbnail, the manifests and a segment', async ({ app, token }) => {
    const jwt = await createToken(app, token, signed);
    const { segments } = await hlsFiles(masterUrl(app, jwt));
    const segmentName = segments[0]!.split('/').at(-1)!;
    for (const url of [thumbnailUrl(app, signed), masterUrl(app, signed), `${app.baseUrl}/stream/${signed}/manifest/video.mpd`, `${app.baseUrl}/stream/${signed}/manifest/${segmentName}`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(401);
      expect(await res.text()).toMatch(/signed URL/);
    }
  });

  test('a token in place of the uid opens the thumbnail, both manifests and every segment the playlists name', async ({ app, token }) => {
    const jwt = await createToken(app, token, signed);
    const thumbnail = await fetch(thumbnailUrl(app, jwt));
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect((await fetch(`${app.baseUrl}/stream/${jwt}/manifest/video.mpd`)).status).toBe(200);
    const { playlists, segments } = await hlsFiles(masterUrl(app, jwt));
    expect(playlists.length).toBeGreaterThanOrEqual(1);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    for (const url of segments) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });

  test('a token a backend signs itself with a created key (from its pem or its jwk) is accepted', async ({ app, token }) => {
    const key = await createKey(app, token);
    for (const from of ['pem', 'jwk'] as const) {
      const jwt = await selfSigned(key, { sub: signed, exp: inAnHour() }, from);
      expect((await fetch(masterUrl(app, jwt))).status, from).toBe(200);
      expect((await fetch(thumbnailUrl(app, jwt))).status, from).toBe(200);
    }
    // Cloudflare's own examples write exp as a string of digits.
    expect((await fetch(masterUrl(app, await selfSigned(key, { sub: signed, exp: String(inAnHour()) })))).status).toBe(200);
  });

  test('an expired token, a tampered one, one for a missing video, one with an unknown key and one of a deleted key answer 401', async ({ app, token }) => {
    const key = await createKey(app, token);
    const now = Math.floor(Date.now() / 1000);
    const expired = await selfSigned(key, { sub: signed, exp: now - 5 });
    const notYet = await selfSigned(key, { sub: signed, exp: now + 7200, nbf: now + 3600 });
    const missing = await selfSigned(key, { sub: 'e'.repeat(32), exp: inAnHour() });
    const valid = await selfSigned(key, { sub: signed, exp: inAnHour() });
    const [h, , s] = valid.split('.') as [string, string, string];
    const otherPayload = Buffer.from(JSON.stringify({ sub: open, kid: key.id, exp: inAnHour() })).toString('base64url');
    const tampered = `${h}.${otherPayload}.${s}`;
    const unknownKid = await new SignJWT({ sub: signed, exp: inAnHour() })
      .setProtectedHeader({ alg: 'RS256', kid: 'f'.repeat(32) })
      .sign(createPrivateKey(Buffer.from(key.pem, 'base64').toString()));
    for (const [name, jwt] of Object.entries({ expired, notYet, missing, tampered, unknownKid })) {
      for (const url of [masterUrl(app, jwt), thumbnailUrl(app, jwt)]) {
        expect((await fetch(url)).status, `${name} ${url.includes('thumb') ? 'thumbnail' : 'manifest'}`).toBe(401);
      }
    }

    expect((await fetch(masterUrl(app, valid))).status).toBe(200);
    expect((await api(app, token, 'DELETE', `/keys/${key.id}`)).status).toBe(200);
    // Other instances may trust a key they read for a few seconds; this one forgets it at once.
    expect((await fetch(masterUrl(app, valid))).status).toBe(401);
    expect((await fetch(thumbnailUrl(app, valid))).status).toBe(401);
  });

  test("accessRules: a rule blocking the client's address answers 403; allowing it before a block-all answers 200", async ({ app, token }) => {
    const blocked = await createToken(app, token, signed, { accessRules: [{ type: 'ip.src', action: 'block', ip: ['127.0.0.0/8', '::1/128'] }] });
    const allowed = await createToken(app, token, signed, {
      accessRules: [{ type: 'ip.src', action: 'allow', ip: ['127.0.0.1', '::1'] }, { type: 'any', action: 'block' }],
    });
    const elsewhere = await createToken(app, token, signed, { accessRules: [{ type: 'ip.src', action: 'allow', ip: ['203.0.113.0/24'] }, { type: 'any', action: 'block' }] });
    for (const url of [masterUrl(app, blocked), thumbnailUrl(app, blocked), masterUrl(app, elsewhere)]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).toMatch(/network address/);
    }
    expect((await fetch(masterUrl(app, allowed))).status).toBe(200);
    expect((await fetch(thumbnailUrl(app, allowed))).status).toBe(200);
  });

  test('allowedOrigins: the manifest answers listed and wildcard hosts and the app itself, and refuses others (403); segments stay open', async ({ app, token }) => {
    // Set the way a backend does: Cloudflare's edit, POST /stream/{uid}.
    const setAllowedOrigins = async (allowedOrigins: string[]) => {
      const res = await fetch(streamUrl(app, `/${open}`), {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ allowedOrigins }),
      });
      expect(res.status).toBe(200);
    };
    await setAllowedOrigins(['example.com', '*.example.org']);
    try {
      const url = masterUrl(app, open);
      const status = async (headers: Record<string, string>) => (await fetch(url, { headers })).status;
      expect(await status({ Origin: 'https://example.com' })).toBe(200);
      expect(await status({ Origin: 'https://video.example.org' })).toBe(200);
      expect(await status({ Referer: 'https://www.example.org/page.html' })).toBe(200);
      expect(await status({ Referer: `${app.baseUrl}/stream/${open}/watch` })).toBe(200);
      expect(await status({ Origin: 'https://evil.example' })).toBe(403);
      expect(await status({ Origin: 'https://example.com.evil.example' })).toBe(403);
      expect(await status({ Origin: 'https://example.org' })).toBe(403);
      expect(await status({ Origin: 'https://evil.example', Referer: 'https://example.com/' })).toBe(403);
      expect(await status({})).toBe(403);
      const refused = await fetch(url, { headers: { Origin: 'https://evil.example' } });
      expect(await refused.text()).toMatch(/allowed/);

      const { segments } = await hlsFiles(url, { headers: { Origin: 'https://example.com' } });
      expect((await fetch(segments[0]!, { headers: { Origin: 'https://evil.example' } })).status).toBe(200);
      expect((await fetch(thumbnailUrl(app, open))).status).toBe(200);
    } finally {
      await setAllowedOrigins([]);
    }
    expect((await fetch(masterUrl(app, open))).status).toBe(200);
  });

  test("a rejected video's public surfaces answer 404, by uid and by token", async ({ app, token }) => {
    const rejected = await uploadReady(app, token, clip);
    const jwt = await createToken(app, token, rejected, { downloadable: true });
    const { segments } = await hlsFiles(masterUrl(app, rejected));
    const segmentName = segments[0]!.split('/').at(-1)!;
    await setVideoColumns(app, rejected, { review: 'rejected' });
    for (const id of [rejected, jwt]) {
      for (const url of [
        thumbnailUrl(app, id),
        masterUrl(app, id),
        `${app.baseUrl}/stream/${id}/manifest/video.mpd`,
        `${app.baseUrl}/stream/${id}/manifest/${segmentName}`,
        `${app.baseUrl}/stream/${id}/downloads/default.mp4`,
      ]) {
        const res = await fetch(url);
        expect(res.status, url).toBe(404);
        expect(await res.text()).toMatch(/not available/);
      }
    }
  });
});

test.describe('signing keys on several instances', () => {
  test.beforeEach(({ provider }) => test.skip(provider !== 'postgresql', 'the scale-out mode runs on PostgreSQL'));

  test('two instances asked for their first token at once share one built-in key, and a key deleted on one stops working on the other', async ({ dbEnv }) => {
    const dataDir = makeDataDir('keys-cluster');
    const redis = redisEnv();
    const env = { ...dbEnv, ...redis.env, UPLOAD_DIR: path.join(dataDir, 'shared-uploads'), AUTH_SECRET: 'cluster-secret-cluster-secret-cluster-secret' };
    const [a, b] = await Promise.all([startApp({ dataDir: path.join(dataDir, 'a'), env }), startApp({ dataDir: path.join(dataDir, 'b'), env })]);
    try {
      const token = await createApiTokenWithCli(a, 'keys-cluster');
      const { uid } = await mintOk(a, token);
      // The download URL tells a valid token (404: no download made) from a refused one (401).
      const download = (app: { baseUrl: string }, jwt: string) => fetch(`${app.baseUrl}/stream/${jwt}/downloads/default.mp4`).then((res) => res.status);
      const [fromA, fromB] = await Promise.all([createToken(a, token, uid, { downloadable: true }), createToken(b, token, uid, { downloadable: true })]);
      expect(await download(b, fromA)).toBe(404);
      expect(await download(a, fromB)).toBe(404);

      const key = await createKey(a, token);
      const selfMade = await selfSigned(key, { sub: uid, exp: inAnHour(), downloadable: true });
      expect(await download(b, selfMade)).toBe(404);
      expect((await api(a, token, 'DELETE', `/keys/${key.id}`)).status).toBe(200);
      expect(await download(a, selfMade)).toBe(401);
      await expect.poll(() => download(b, selfMade), { timeout: 15_000 }).toBe(401);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await redis.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
