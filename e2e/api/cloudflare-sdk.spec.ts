import fs from 'node:fs';
import Cloudflare, { AuthenticationError, BadRequestError, NotFoundError } from 'cloudflare';
import type { StreamListParams, Video } from 'cloudflare/resources/stream/stream';
import type { AppServer } from '../fixtures/app-server';
import { streamUrl } from '../fixtures/http';
import { postFile, startLoopbackServer } from '../fixtures/loopback-server';
import { makeClip, mediaDir } from '../fixtures/media';
import { expect, storedFiles, test } from '../fixtures/test';
import { sha256 } from '../fixtures/tus';

/**
 * A backend written against Cloudflare's documentation and its official SDK (npm
 * `cloudflare`, baseURL pointed here) works unchanged. Written from the SDK's types
 * (node_modules/cloudflare/resources/stream/*.d.ts) and developers.cloudflare.com/stream.
 */

const account_id = 'local';
let clip: Buffer;

test.beforeAll(() => {
  clip = fs.readFileSync(makeClip(mediaDir(), 'sdk-clip.mp4', { seconds: 2, faststart: true }));
});

function sdk(app: AppServer, token: string): Cloudflare {
  return new Cloudflare({ apiToken: token, baseURL: `${app.baseUrl}/client/v4`, maxRetries: 0 });
}

let tagCounter = 0;
/** A creator id of this test alone: lists filtered by it see only this test's videos. */
function uniqueCreator(): string {
  return `sdk-${process.pid}-${Date.now().toString(36)}-${tagCounter++}`;
}

async function stateOf(client: Cloudflare, uid: string): Promise<string | undefined> {
  return (await client.stream.get(uid, { account_id })).status?.state;
}

/** A video uploaded through the direct creator upload, processed to `ready`. */
async function readyVideo(client: Cloudflare, meta: Record<string, string> = { name: 'ready.mp4' }): Promise<string> {
  const upload = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60, meta });
  const res = await postFile(upload.uploadURL!, clip);
  expect(res.status).toBe(200);
  await expect.poll(() => stateOf(client, upload.uid!), { timeout: 120_000 }).toBe('ready');
  return upload.uid!;
}

test.describe('the official Cloudflare SDK against Upstream', () => {
  test('directUpload.create answers uid, uploadURL, scheduledDeletion and watermark, and makes a pendingupload video with the fields given', async ({ app, token }) => {
    const client = sdk(app, token);
    const scheduledDeletion = new Date(Date.now() + 40 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const creator = uniqueCreator();
    const upload = await client.stream.directUpload.create({
      account_id,
      maxDurationSeconds: 120,
      expiry: new Date(Date.now() + 3_600_000).toISOString(),
      creator,
      meta: { name: 'direct.mp4', project: 'x' },
      requireSignedURLs: false,
      allowedOrigins: ['example.com', '*.example.org'],
      thumbnailTimestampPct: 0.5,
      scheduledDeletion,
    });
    expect(upload.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(upload.uploadURL).toMatch(new RegExp(`^${app.baseUrl}/`));
    expect(upload.scheduledDeletion).toBe(new Date(scheduledDeletion).toISOString());
    expect(upload.watermark).toBeNull();

    const video: Video = await client.stream.get(upload.uid!, { account_id });
    expect(video.status?.state).toBe('pendingupload');
    expect(video.creator).toBe(creator);
    expect(video.maxDurationSeconds).toBe(120);
    expect(video.meta).toMatchObject({ name: 'direct.mp4', project: 'x' });
    expect(video.allowedOrigins).toEqual(['example.com', '*.example.org']);
    expect(video.thumbnailTimestampPct).toBe(0.5);
    expect(video.scheduledDeletion).toBe(new Date(scheduledDeletion).toISOString());
  });

  test('the uploadURL takes one multipart POST without credentials; the video is processed to ready and a second POST is refused', async ({ app, token }) => {
    const client = sdk(app, token);
    const upload = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60 });
    const res = await postFile(upload.uploadURL!, clip, 'from-a-browser.mp4');
    expect(res.status).toBe(200);
    await expect.poll(() => stateOf(client, upload.uid!), { timeout: 120_000 }).toBe('ready');
    const video = await client.stream.get(upload.uid!, { account_id });
    expect(video.size).toBe(clip.length);
    expect(video.readyToStream).toBe(true);
    expect((video as Video & { sha256?: string }).sha256).toBe(sha256(clip));
    expect(video.meta).toMatchObject({ name: 'from-a-browser.mp4' });

    const again = await postFile(upload.uploadURL!, clip);
    expect(again.status).toBe(409);
    expect((await again.json()).errors[0].message).toMatch(/already been used/);
  });

  test('directUpload.create refuses bad fields with BadRequestError, naming the field', async ({ app, token }) => {
    const client = sdk(app, token);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{}, /maxDurationSeconds/],
      [{ maxDurationSeconds: 0 }, /maxDurationSeconds/],
      [{ maxDurationSeconds: 36_001 }, /maxDurationSeconds/],
      [{ maxDurationSeconds: 60, expiry: 'tomorrow' }, /expiry/],
      [{ maxDurationSeconds: 60, expiry: new Date(Date.now() - 60_000).toISOString() }, /expiry/],
      [{ maxDurationSeconds: 60, allowedOrigins: ['https://example.com/'] }, /allowedOrigins|origin host/],
      [{ maxDurationSeconds: 60, thumbnailTimestampPct: 2 }, /thumbnailTimestampPct/],
      [{ maxDurationSeconds: 60, scheduledDeletion: new Date(Date.now() - 1000).toISOString() }, /scheduledDeletion/],
      [{ maxDurationSeconds: 60, creator: 'x'.repeat(65) }, /creator/],
    ];
    for (const [body, message] of cases) {
      const error = await client.stream.directUpload.create({ account_id, ...body } as never).catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message, JSON.stringify(body)).toMatch(message);
    }
  });

  test('stream.create (the tus mint) answers 201 with Location and stream-media-id', async ({ app, token }) => {
    const client = sdk(app, token);
    const res = await client.stream.create({ account_id, 'Tus-Resumable': '1.0.0', 'Upload-Length': 1000, direct_user: true }).asResponse();
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${app.baseUrl}/api/tus/`));
    const uid = res.headers.get('stream-media-id')!;
    expect((await client.stream.get(uid, { account_id })).status?.state).toBe('pendingupload');
  });

  test('a basic upload by the backend (POST /stream with multipart/form-data and the token) answers the VIDEO', async ({ app, token }) => {
    const res = await postFile(streamUrl(app), clip, 'backend.mp4', { Authorization: `Bearer ${token}`, 'Upload-Creator': 'backend-1' });
    expect(res.status).toBe(200);
    const { result } = (await res.json()) as { result: Video };
    expect(result.uid).toMatch(/^[0-9a-f]{32}$/);
    expect(result.size).toBe(clip.length);
    expect(result.creator).toBe('backend-1');
    expect(result.status?.state).toMatch(/^(queued|inprogress|ready)$/);
    const client = sdk(app, token);
    await expect.poll(() => stateOf(client, result.uid!), { timeout: 120_000 }).toBe('ready');

    const anonymous = await postFile(streamUrl(app), clip);
    expect(anonymous.status).toBe(401);
  });

  test('stream.edit changes meta, creator, requireSignedURLs, allowedOrigins, thumbnailTimestampPct, scheduledDeletion and, while pending, maxDurationSeconds', async ({ app, token }) => {
    const client = sdk(app, token);
    const { uid } = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60, meta: { name: 'before' } });
    const later = new Date(Date.now() + 45 * 86_400_000).toISOString();
    const edited = await client.stream.edit(uid!, {
      account_id,
      meta: { name: 'after', team: 'blue' },
      creator: 'editor-1',
      requireSignedURLs: true,
      allowedOrigins: ['Example.COM', '*.example.net'],
      thumbnailTimestampPct: 0.25,
      scheduledDeletion: later,
      maxDurationSeconds: 30,
    });
    expect(edited.uid).toBe(uid);
    expect(edited.meta).toEqual({ name: 'after', team: 'blue' });
    expect(edited.creator).toBe('editor-1');
    expect(edited.requireSignedURLs).toBe(true);
    expect(edited.allowedOrigins).toEqual(['example.com', '*.example.net']);
    expect(edited.thumbnailTimestampPct).toBe(0.25);
    expect(edited.scheduledDeletion).toBe(new Date(later).toISOString());
    expect(edited.maxDurationSeconds).toBe(30);

    // Fields left out stay; null removes a scheduled deletion.
    const cleared = await client.stream.edit(uid!, { account_id, scheduledDeletion: null as unknown as string });
    expect(cleared.scheduledDeletion ?? null).toBeNull();
    expect(cleared.creator).toBe('editor-1');
    expect(cleared.meta).toEqual({ name: 'after', team: 'blue' });
    expect((await client.stream.get(uid!, { account_id })).requireSignedURLs).toBe(true);
  });

  test('stream.edit refuses maxDurationSeconds once uploaded, bad origins and a foreign uid; an unknown video is NotFoundError', async ({ app, token }) => {
    const client = sdk(app, token);
    const uid = await readyVideo(client);
    const tooLate = await client.stream.edit(uid, { account_id, maxDurationSeconds: 10 }).catch((e: unknown) => e);
    expect(tooLate).toBeInstanceOf(BadRequestError);
    expect((tooLate as Error).message).toMatch(/maxDurationSeconds can only be changed before/);
    for (const origin of ['https://example.com', 'example.com/path', '*', 'a..b']) {
      const bad = await client.stream.edit(uid, { account_id, allowedOrigins: [origin] }).catch((e: unknown) => e);
      expect(bad, origin).toBeInstanceOf(BadRequestError);
    }
    const wrongUid = await client.stream.edit(uid, { account_id, uid: 'f'.repeat(32) }).catch((e: unknown) => e);
    expect(wrongUid).toBeInstanceOf(BadRequestError);
    const missing = await client.stream.edit('0'.repeat(32), { account_id, meta: { name: 'x' } }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  test('copy.create with url or input answers a downloading VIDEO, fetched and processed to ready', async ({ app, token }) => {
    const host = await startLoopbackServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(clip.length) });
      res.end(clip);
    });
    try {
      const client = sdk(app, token);
      const byUrl = await client.stream.copy.create({ account_id, url: `${host.baseUrl}/videos/linked.mp4`, meta: { name: 'linked' }, creator: 'copier' });
      expect(byUrl.status?.state).toBe('downloading');
      expect(byUrl.creator).toBe('copier');
      expect(byUrl.meta).toMatchObject({ name: 'linked', 'downloaded-from': `${host.baseUrl}/videos/linked.mp4` });
      const byInput = await client.stream.copy.create({ account_id, input: `${host.baseUrl}/videos/other.mp4` });
      expect(byInput.meta).toMatchObject({ name: 'other.mp4' });
      for (const uid of [byUrl.uid!, byInput.uid!]) {
        await expect.poll(() => stateOf(client, uid), { timeout: 120_000 }).toBe('ready');
        const video = await client.stream.get(uid, { account_id });
        expect(video.size).toBe(clip.length);
        expect((video as Video & { sha256?: string }).sha256).toBe(sha256(clip));
      }
      const noUrl = await client.stream.copy.create({ account_id }).catch((e: unknown) => e);
      expect(noUrl).toBeInstanceOf(BadRequestError);
      const notHttp = await client.stream.copy.create({ account_id, url: 'file:///etc/passwd' }).catch((e: unknown) => e);
      expect(notHttp).toBeInstanceOf(BadRequestError);
    } finally {
      await host.close();
    }
  });

  test('stream.list pages with asc, start/end, after/before, include_counts, status, creator, search, video_name and limit', async ({ app, token }) => {
    const client = sdk(app, token);
    const creator = uniqueCreator();
    const made: { uid: string; created: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const { uid } = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60, creator, meta: { name: `list-${creator}-${i}.mp4` } });
      made.push({ uid: uid!, created: (await client.stream.get(uid!, { account_id })).created! });
      await new Promise((r) => setTimeout(r, 5));
    }
    const uids = made.map((v) => v.uid);
    const listed = async (params: Omit<StreamListParams, 'account_id'>) => {
      const seen: string[] = [];
      for await (const video of client.stream.list({ account_id, creator, ...params })) seen.push(video.uid!);
      return seen;
    };
    expect(await listed({})).toEqual([...uids].reverse());
    expect(await listed({ asc: true })).toEqual(uids);
    expect(await listed({ asc: true, limit: 2 })).toEqual(uids.slice(0, 2));
    expect(await listed({ asc: true, start: made[1]!.created })).toEqual(uids.slice(2));
    expect(await listed({ asc: true, after: made[1]!.created })).toEqual(uids.slice(2));
    expect(await listed({ asc: true, end: made[3]!.created })).toEqual(uids.slice(0, 3));
    expect(await listed({ asc: true, before: made[3]!.created })).toEqual(uids.slice(0, 3));
    expect(await listed({ asc: true, start: made[0]!.created, end: made[4]!.created })).toEqual(uids.slice(1, 4));
    expect(await listed({ status: 'pendingupload' })).toHaveLength(5);
    expect(await listed({ status: 'ready' })).toEqual([]);
    expect(await listed({ search: `${creator}-3` })).toEqual([uids[3]]);
    expect(await listed({ video_name: `list-${creator}-2.mp4` })).toEqual([uids[2]]);
    expect(await listed({ video_name: `list-${creator}-2` })).toEqual([]);

    // SinglePage keeps only `result`: a backend reads the counts from the raw answer.
    const page = await client.stream.list({ account_id, creator, include_counts: true, limit: 2 });
    expect(page.result.map((v) => v.uid)).toEqual([uids[4], uids[3]]);
    const counted = (await client.stream.list({ account_id, creator, include_counts: true, limit: 2 }).asResponse().then((r) => r.json())) as Record<string, unknown>;
    expect(counted).toMatchObject({ success: true, total: 5, range: 2 });
    const uncounted = (await client.stream.list({ account_id, creator }).asResponse().then((r) => r.json())) as Record<string, unknown>;
    expect(uncounted).not.toHaveProperty('total');

    const bad = await client.stream.list({ account_id, start: 'yesterday' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(BadRequestError);
  });

  test('a backend paging newest first with end = the last video seen gets every video once, then an empty page', async ({ app, token }) => {
    const client = sdk(app, token);
    const creator = uniqueCreator();
    const uids: string[] = [];
    for (let i = 0; i < 5; i++) {
      uids.push((await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60, creator })).uid!);
      await new Promise((r) => setTimeout(r, 5));
    }
    const seen: string[] = [];
    let end: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await client.stream.list({ account_id, creator, limit: 2, ...(end ? { end } : {}) });
      if (page.result.length === 0) break;
      seen.push(...page.result.map((v) => v.uid!));
      end = page.result.at(-1)!.created;
    }
    expect(seen).toEqual([...uids].reverse());
  });

  test('videos.storageUsage counts the videos and minutes of the account or of one creator', async ({ app, token }) => {
    const client = sdk(app, token);
    const creator = uniqueCreator();
    const empty = await client.stream.videos.storageUsage({ account_id, creator });
    expect(empty).toMatchObject({ creator, videoCount: 0, totalStorageMinutes: 0 });
    expect(typeof empty.totalStorageMinutesLimit).toBe('number');
    const uid = await readyVideo(client);
    await client.stream.edit(uid, { account_id, creator });
    await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60, creator });
    const usage = await client.stream.videos.storageUsage({ account_id, creator });
    expect(usage.videoCount).toBe(2);
    expect(usage.totalStorageMinutes).toBeGreaterThan(0.02);
    expect(usage.totalStorageMinutes).toBeLessThan(0.1);
    const all = await client.stream.videos.storageUsage({ account_id });
    expect(all.videoCount).toBeGreaterThanOrEqual(2);
  });

  test('embed.get answers an HTML snippet with an iframe of the player page', async ({ app, token }) => {
    const client = sdk(app, token);
    const { uid } = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60 });
    const html = await client.stream.embed.get(uid!, { account_id });
    expect(typeof html).toBe('string');
    expect(html).toContain(`<iframe src="${app.baseUrl}/stream/${uid}/iframe"`);
    const missing = await client.stream.embed.get('0'.repeat(32), { account_id }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });

  test('webhooks.update takes notificationUrl or notification_url; get shows it; delete answers a string', async ({ app, token }) => {
    const client = sdk(app, token);
    try {
      const set = await client.stream.webhooks.update({ account_id, notificationUrl: 'http://127.0.0.1:9/one' });
      expect(set).toMatchObject({ notificationUrl: 'http://127.0.0.1:9/one' });
      expect(set.secret).toMatch(/^[0-9a-f]{64}$/);
      const snake = await client.stream.webhooks.update({ account_id, notification_url: 'http://127.0.0.1:9/two' });
      expect(snake.notificationUrl).toBe('http://127.0.0.1:9/two');
      expect(snake.secret).toBe(set.secret);
      expect(await client.stream.webhooks.get({ account_id })).toMatchObject({ notificationUrl: 'http://127.0.0.1:9/two', secret: set.secret });
    } finally {
      const deleted = await client.stream.webhooks.delete({ account_id });
      expect(typeof deleted).toBe('string');
    }
    expect(await client.stream.webhooks.get({ account_id }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect(await client.stream.webhooks.update({ account_id }).catch((e: unknown) => e)).toBeInstanceOf(BadRequestError);
  });

  test('stream.delete removes the video: get is then NotFoundError', async ({ app, token }) => {
    const client = sdk(app, token);
    const { uid } = await client.stream.directUpload.create({ account_id, maxDurationSeconds: 60 });
    await client.stream.delete(uid!, { account_id });
    expect(await client.stream.get(uid!, { account_id }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
  });

  test("errors raise the SDK's classes: AuthenticationError, NotFoundError (unknown video, account or route), BadRequestError", async ({ app, token }) => {
    const client = sdk(app, token);
    const stranger = new Cloudflare({ apiToken: 'ups_not-a-token', baseURL: `${app.baseUrl}/client/v4`, maxRetries: 0 });
    expect(await stranger.stream.list({ account_id }).catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
    expect(await stranger.stream.directUpload.create({ account_id, maxDurationSeconds: 60 }).catch((e: unknown) => e)).toBeInstanceOf(AuthenticationError);
    expect(await client.stream.get('0'.repeat(32), { account_id }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    expect(await client.stream.list({ account_id: 'another-account' }).catch((e: unknown) => e)).toBeInstanceOf(NotFoundError);
    // A route this server does not have (live inputs) is a JSON 404 the SDK reads, not an HTML page.
    const live = await client.stream.liveInputs.list({ account_id }).catch((e: unknown) => e);
    expect(live).toBeInstanceOf(NotFoundError);
    expect((live as NotFoundError).errors).toEqual([expect.objectContaining({ code: 10002 })]);
    expect(await client.stream.list({ account_id, limit: 5000 }).catch((e: unknown) => e)).toBeInstanceOf(BadRequestError);
  });

  test('scheduledDeletion 2 s ahead: the video (row and every byte) is gone within 60 s', async ({ app, token }) => {
    const client = sdk(app, token);
    const uid = await readyVideo(client);
    expect(storedFiles(app, uid).length).toBeGreaterThan(0);
    const at = new Date(Date.now() + 2_000).toISOString();
    expect((await client.stream.edit(uid, { account_id, scheduledDeletion: at })).scheduledDeletion).toBe(at);
    await expect
      .poll(async () => (await client.stream.get(uid, { account_id }).catch((e: unknown) => e)) instanceof NotFoundError, { timeout: 60_000, intervals: [1000] })
      .toBe(true);
    // The row goes first (every URL of the video answers 404 at once), then its files: the
    // renditions' folder takes a moment to remove.
    await expect.poll(() => storedFiles(app, uid), { timeout: 10_000 }).toEqual([]);
    expect(Date.now() - new Date(at).getTime()).toBeLessThan(60_000);
  });
});
