import fs from 'node:fs';
import net from 'node:net';
import type { ServerResponse } from 'node:http';
import { type AppServer, createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { createTestDatabase, databaseEnv, type TestDatabase } from '../fixtures/databases';
import { type Envelope, getVideo, streamUrl, type VideoJson } from '../fixtures/http';
import { type LoopbackServer, startLoopbackServer } from '../fixtures/loopback-server';
import { makeClip, mediaDir } from '../fixtures/media';
import { expect, storedFiles, test } from '../fixtures/test';
import { sha256 } from '../fixtures/tus';

/**
 * Upload via link (`POST /stream/copy`): the app fetches a URL served by the test on
 * loopback, with the size limit (MAX_UPLOAD_BYTES) and a time limit (COPY_TIMEOUT_SECONDS);
 * every failure ends `error` / `ERR_FETCH_ORIGIN_ERROR` with a reason in words.
 */

const LIMIT = 2_000_000;
const TIMEOUT_SECONDS = 4;
const SETTINGS = { MAX_UPLOAD_BYTES: String(LIMIT), COPY_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS), CLEANUP_INTERVAL_SECONDS: '1' };

let clip: Buffer;
let app: AppServer;
let token: string;
let database: TestDatabase;
let host: LoopbackServer;
const stalled: ServerResponse[] = [];

function sendChunks(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  const next = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', next);
    }
    res.end();
  };
  next();
}

test.beforeAll(async ({ provider }) => {
  clip = fs.readFileSync(makeClip(mediaDir(), 'copy-clip.mp4', { seconds: 2, faststart: true }));
  database = await createTestDatabase(provider);
  app = await startApp({ dataDir: makeDataDir('copy'), env: { ...SETTINGS, ...databaseEnv(database) } });
  token = await createApiTokenWithCli(app, 'copy');
  host = await startLoopbackServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const hops = /^\/hops\/(\d+)$/.exec(path);
    if (hops) {
      const n = Number(hops[1]);
      res.writeHead(302, { Location: n > 0 ? `/hops/${n - 1}` : '/clip.mp4' }).end();
    } else if (path === '/clip.mp4') {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(clip.length) }).end(clip);
    } else if (path === '/stall.mp4') {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(clip.length) });
      res.write(clip.subarray(0, 1000));
      stalled.push(res);
    } else if (path === '/huge-chunked.mp4') {
      res.writeHead(200, { 'Content-Type': 'video/mp4' });
      sendChunks(res, LIMIT + 1_000_000);
    } else if (path === '/huge-declared.mp4') {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(LIMIT + 1) });
      sendChunks(res, LIMIT + 1);
    } else if (path === '/to-ftp') {
      res.writeHead(301, { Location: 'ftp://127.0.0.1/clip.mp4' }).end();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such file');
    }
  });
});

test.afterAll(async () => {
  stalled.forEach((res) => res.destroy());
  await host?.close();
  await app?.stop();
  await database?.drop();
  if (app) fs.rmSync(app.dataDir, { recursive: true, force: true });
});

async function copy(target: AppServer, apiToken: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(streamUrl(target, '/copy'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function copyOk(url: string): Promise<VideoJson & { sourceUrl?: string }> {
  const res = await copy(app, token, { url });
  expect(res.status).toBe(200);
  return ((await res.json()) as Envelope<VideoJson>).result;
}

async function finalState(target: AppServer, apiToken: string, uid: string, timeout = 60_000): Promise<VideoJson> {
  await expect.poll(async () => (await getVideo(target, apiToken, uid)).status.state, { timeout }).toMatch(/^(ready|error)$/);
  return getVideo(target, apiToken, uid);
}

test.describe('upload via link', () => {
  test('a URL on loopback is fetched byte-exact (redirects followed) and processed to ready', async () => {
    for (const url of [`${host.baseUrl}/clip.mp4`, `${host.baseUrl}/hops/4`]) {
      const video = await copyOk(url);
      expect(video.status.state).toBe('downloading');
      const done = await finalState(app, token, video.uid, 120_000);
      expect(done.status.state).toBe('ready');
      expect(done.size).toBe(clip.length);
      expect((done as VideoJson & { sha256: string }).sha256).toBe(sha256(clip));
      const original = await fetch(streamUrl(app, `/${video.uid}/original`), { headers: { Authorization: `Bearer ${token}` } });
      expect(Buffer.from(await original.arrayBuffer()).equals(clip)).toBe(true);
    }
  });

  const FAILURES: [string, string, RegExp][] = [
    ['a 404', '/missing.mp4', /answered 404/],
    ['too many redirects', '/hops/9', /redirected more than 5 times/],
    ['a redirect to a non-http URL', '/to-ftp', /redirected to an address that cannot be fetched.*http/],
    ['a body past the size limit (chunked, no length)', '/huge-chunked.mp4', /larger than the limit/],
    ['a declared length past the size limit', '/huge-declared.mp4', /larger than the limit/],
    ['a server that stalls', '/stall.mp4', /sent no data|stopped sending data|time limit/],
  ];
  for (const [label, path, reason] of FAILURES) {
    test(`${label} ends error / ERR_FETCH_ORIGIN_ERROR with a reason, and no bytes are kept`, async () => {
      const started = Date.now();
      const video = await copyOk(`${host.baseUrl}${path}`);
      const done = await finalState(app, token, video.uid);
      expect(done.status.state).toBe('error');
      expect(done.status.errorReasonCode).toBe('ERR_FETCH_ORIGIN_ERROR');
      expect(done.status.errorReasonText).toMatch(reason);
      expect(done.status.errorReasonText).not.toMatch(/at .*\.ts:|\/tmp\//);
      expect(storedFiles(app, video.uid)).toEqual([]);
      // The time limit bounds even a stalled server (plus a poll round).
      expect(Date.now() - started).toBeLessThan((TIMEOUT_SECONDS + 30) * 1000);
    });
  }

  test('an unreachable server ends error with "could not be reached"', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const video = await copyOk(`http://127.0.0.1:${closed}/clip.mp4`);
    const done = await finalState(app, token, video.uid);
    expect(done.status.errorReasonCode).toBe('ERR_FETCH_ORIGIN_ERROR');
    expect(done.status.errorReasonText).toMatch(/could not be reached: the connection was refused/);
  });

  test('bad requests are refused with 400 and no video: no URL, two different URLs, not http(s)', async () => {
    const total = async () =>
      ((await (await fetch(streamUrl(app, '?include_counts=true&limit=1'), { headers: { Authorization: `Bearer ${token}` } })).json()) as { total: number }).total;
    const before = await total();
    for (const body of [{}, { url: `${host.baseUrl}/a.mp4`, input: `${host.baseUrl}/b.mp4` }, { url: 'javascript:alert(1)' }, { url: 'not a url' }]) {
      const res = await copy(app, token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as Envelope).errors[0]!.message.length).toBeGreaterThan(10);
    }
    expect(await total()).toBe(before);
  });

  test('an app restart mid-fetch: the fetch is taken up again after the restart and ends ready', async ({ provider }) => {
    const dataDir = makeDataDir('copy-restart');
    const db = await createTestDatabase(provider);
    const env = { ...SETTINGS, COPY_TIMEOUT_SECONDS: '60', ...databaseEnv(db) };
    let first = await startApp({ dataDir, env });
    const restartToken = await createApiTokenWithCli(first, 'restart');
    let requests = 0;
    const slow = await startLoopbackServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(clip.length) });
      if (requests === 1) {
        res.write(clip.subarray(0, 10_000)); // then nothing: the app is killed meanwhile
        stalled.push(res);
      } else {
        res.end(clip);
      }
    });
    try {
      const res = await copy(first, restartToken, { url: `${slow.baseUrl}/slow.mp4` });
      const { uid } = ((await res.json()) as Envelope<VideoJson>).result;
      await expect.poll(() => requests).toBe(1);
      await first.kill();
      first = await startApp({ dataDir, port: first.port, env });
      const done = await finalState(first, restartToken, uid, 120_000);
      expect(done.status.state).toBe('ready');
      expect(done.size).toBe(clip.length);
      expect(requests).toBe(2);
    } finally {
      await slow.close();
      await first.stop();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
