import Cloudflare, { APIError } from 'cloudflare';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/test';
import type { AppServer } from '../fixtures/app-server';
import { setVideoColumns } from '../fixtures/catalog';
import { type Envelope, mintOk, streamUrl } from '../fixtures/http';
import { makeClip, mediaDir } from '../fixtures/media';
import { probeMp4, readTopLevelBoxes } from '../fixtures/mp4-file';
import { createToken, uploadReady } from '../fixtures/playback';

type Downloads = { default?: { status: 'inprogress' | 'ready' | 'error'; url: string; percentComplete: number } };

async function downloads(app: AppServer, token: string, uid: string, method: 'POST' | 'GET' | 'DELETE'): Promise<{ status: number; json: Envelope<Downloads> }> {
  const res = await fetch(streamUrl(app, `/${uid}/downloads`), { method, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as Envelope<Downloads> };
}

async function readyDownload(app: AppServer, token: string, uid: string): Promise<string> {
  const first = await downloads(app, token, uid, 'POST');
  expect(first.status).toBe(200);
  expect(first.json.result.default).toMatchObject({ url: `${app.baseUrl}/stream/${uid}/downloads/default.mp4` });
  expect(['inprogress', 'ready']).toContain(first.json.result.default!.status);
  await expect.poll(async () => (await downloads(app, token, uid, 'GET')).json.result.default?.status, { timeout: 60_000, intervals: [250] }).toBe('ready');
  const done = (await downloads(app, token, uid, 'GET')).json.result.default!;
  expect(done.percentComplete).toBe(100);
  return done.url;
}

test.describe('MP4 downloads before a video is ready', () => {
  test('POST on a video that is not ready is refused with 409 and says why; GET before any POST is empty', async ({ app, token }) => {
    const { uid } = await mintOk(app, token);
    const refused = await downloads(app, token, uid, 'POST');
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0]!.message).toMatch(/not ready/);
    const none = await downloads(app, token, uid, 'GET');
    expect(none.status).toBe(200);
    expect(none.json.result).toEqual({});
    expect((await fetch(`${app.baseUrl}/stream/${uid}/downloads/default.mp4`)).status).toBe(404);
  });
});

test.describe('MP4 downloads', () => {
  let dir: string;
  let clip: string;

  test.beforeAll(({ provider }) => {
    test.skip(provider === 'postgresql', 'encoding-heavy: covered on SQLite');
    dir = mediaDir();
    clip = makeClip(dir, 'holiday clip.mp4', { seconds: 3 });
  });
  test.afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('POST → inprogress → ready: a faststart H.264 MP4 (moov before mdat), sent as an attachment with Range and CORS', async ({ app, token }) => {
    const uid = await uploadReady(app, token, clip);
    const url = await readyDownload(app, token, uid);
    // Asking again changes nothing.
    expect((await downloads(app, token, uid, 'POST')).json.result.default).toMatchObject({ status: 'ready', percentComplete: 100 });

    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="holiday clip\.mp4"/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const data = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(data.length);
    const boxes = readTopLevelBoxes(data);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    const file = path.join(dir, `${uid}.mp4`);
    fs.writeFileSync(file, data);
    const probe = probeMp4(file);
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p' });
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Math.abs(Number(probe.format.duration) - 3)).toBeLessThan(0.5);

    const part = await fetch(url, { headers: { Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${data.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(0, 100))).toBe(true);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(data.length));
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  test('DELETE removes the file: GET is empty again, the URL answers 404, a second DELETE 404', async ({ app, token }) => {
    const uid = await uploadReady(app, token, clip);
    const url = await readyDownload(app, token, uid);
    expect((await fetch(url, { method: 'HEAD' })).status).toBe(200);
    const deleted = await downloads(app, token, uid, 'DELETE');
    expect(deleted.status).toBe(200);
    expect(typeof deleted.json.result).toBe('string');
    expect((await downloads(app, token, uid, 'GET')).json.result).toEqual({});
    const gone = await fetch(url);
    expect(gone.status).toBe(404);
    expect(fs.existsSync(path.join(app.dataDir, 'uploads', `${uid}.download`, 'default.mp4'))).toBe(false);
    expect((await downloads(app, token, uid, 'DELETE')).status).toBe(404);
  });

  test('a signed video: the uid URL answers 401, a token without downloadable 403, a token with downloadable 200', async ({ app, token }) => {
    const uid = await uploadReady(app, token, clip, { requiresignedurls: null });
    const url = await readyDownload(app, token, uid);
    expect((await fetch(url)).status).toBe(401);
    const plain = await createToken(app, token, uid);
    const refused = await fetch(url.replace(uid, plain));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Envelope).errors[0]!.message).toMatch(/downloadable/);
    const allowed = await fetch(url.replace(uid, await createToken(app, token, uid, { downloadable: true })));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-disposition')).toMatch(/^attachment/);
    expect((await allowed.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  test('a download claimed by a process that died is taken over once its lease runs out; a live claim is left alone', async ({ app, token }) => {
    const uid = await uploadReady(app, token, clip);
    // As if another instance had claimed the job and were still working on it.
    await setVideoColumns(app, uid, { downloadState: 'inprogress', downloadPct: 0, downloadClaimedBy: 'other-host:1:abc', downloadClaimExpiresAt: new Date(Date.now() + 3_600_000) });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect((await downloads(app, token, uid, 'GET')).json.result.default).toMatchObject({ status: 'inprogress', percentComplete: 0 });
    // That instance died: its lease is over.
    await setVideoColumns(app, uid, { downloadClaimExpiresAt: new Date(Date.now() - 1_000) });
    await expect.poll(async () => (await downloads(app, token, uid, 'GET')).json.result.default?.status, { timeout: 60_000, intervals: [250] }).toBe('ready');
    expect((await fetch(`${app.baseUrl}/stream/${uid}/downloads/default.mp4`, { method: 'HEAD' })).status).toBe(200);
  });

  test("the official SDK's stream.downloads works unchanged", async ({ app, token }) => {
    const client = new Cloudflare({ apiToken: token, baseURL: `${app.baseUrl}/client/v4`, maxRetries: 0 });
    const account_id = 'local';
    const { uid: pending } = await mintOk(app, token);
    await expect(client.stream.downloads.create(pending, { account_id })).rejects.toBeInstanceOf(APIError);
    expect(await client.stream.downloads.get(pending, { account_id })).toEqual({});

    const uid = await uploadReady(app, token, clip);
    const created = await client.stream.downloads.create(uid, { account_id });
    expect(created.default?.url).toBe(`${app.baseUrl}/stream/${uid}/downloads/default.mp4`);
    await expect.poll(async () => (await client.stream.downloads.get(uid, { account_id })).default?.status, { timeout: 60_000, intervals: [250] }).toBe('ready');
    expect((await client.stream.downloads.get(uid, { account_id })).default?.percentComplete).toBe(100);
    expect(typeof (await client.stream.downloads.delete(uid, { account_id }))).toBe('string');
    expect(await client.stream.downloads.get(uid, { account_id })).toEqual({});
  });
});
