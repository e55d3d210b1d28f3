import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { AppServer } from '../fixtures/app-server';
import { startApp, makeDataDir } from '../fixtures/app-server';
import { type Envelope, getVideo, metadata, mintOk, newUser, patch, streamUrl } from '../fixtures/http';
import { probeSize } from '../fixtures/media';
import { startOtherOrigin } from '../fixtures/other-origin';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { setSessionCookie, uploadAsUser } from '../fixtures/ui';

/** The frame-ancestors directive of a page's Content-Security-Policy (the rest is the page's script policy). */
function frameAncestorsOf(policy: string | null | undefined): string | undefined {
  return /frame-ancestors [^;]*/.exec(policy ?? '')?.[0];
}

/**
 * The player in Debian's Chromium (desktop and phone): the app's own pages, the public watch
 * and iframe pages, and a customer's page on another origin play the encoded HLS stream; the
 * player says "Still encoding" while it encodes and why when a stream cannot play.
 */

const READY_TIMEOUT = 150_000;

async function waitUntilReady(app: AppServer, token: string, uid: string): Promise<void> {
  await expect
    .poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: READY_TIMEOUT, intervals: [500, 1000, 2000] })
    .toBe('ready');
}

/** Plays (muted, as browsers allow without a gesture) until `currentTime` passes one second. */
async function expectToPlay(player: Locator): Promise<void> {
  await expect(player).toHaveAttribute('controls', '', { timeout: 120_000 });
  await player.evaluate((video: HTMLVideoElement) => {
    video.muted = true;
    void video.play().catch(() => {});
  });
  await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
  expect(await player.evaluate((video: HTMLVideoElement) => video.error?.code ?? null)).toBeNull();
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${label}`).toEqual([]);
}

function recordManifestRequests(page: Page, uid: string): string[] {
  const seen: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes(`/stream/${uid}/manifest/`)) seen.push(`${response.status()} ${new URL(response.url()).pathname.split('/').pop()}`);
  });
  return seen;
}

test.describe('the player', () => {
  test('the player on /videos/{uid} plays an HEVC .mov (which Chromium cannot decode) through its encoded HLS stream', async ({ app, token, page, context }) => {
    expect(probeSize(MEDIA.hevc).codec).toBe('hevc');
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.hevc), 'iphone.mov');
    await waitUntilReady(app, token, uid);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const manifests = recordManifestRequests(page, uid);

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    const player = page.getByLabel('Video player');
    await expectToPlay(player);
    // hls.js feeds Media Source Extensions (a blob: source), from the master playlist down.
    expect(await player.evaluate((video: HTMLVideoElement) => video.currentSrc)).toMatch(/^blob:/);
    expect(manifests).toContain('200 video.m3u8');
  });

  test('a page on another origin plays playback.hls with hls.js from npm', async ({ app, token, page }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'cross-origin.mp4');
    await waitUntilReady(app, token, uid);
    const hlsUrl = (await getVideo(app, token, uid)) as unknown as { playback: { hls: string } };
    expect(hlsUrl.playback.hls).toBe(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`);

    const site = await startOtherOrigin(`<!doctype html><html lang="en"><head><title>A customer's site</title></head><body>
<video aria-label="Video player" controls muted playsinline></video>
<script src="/hls.min.js"></script>
<script>
  const video = document.querySelector('video');
  window.fatalError = null;
  const hls = new Hls();
  hls.on(Hls.Events.ERROR, (_event, data) => { if (data.fatal) window.fatalError = data.details; });
  hls.loadSource(${JSON.stringify(hlsUrl.playback.hls)});
  hls.attachMedia(video);
</script></body></html>`);
    try {
      expect(new URL(site.baseUrl).origin).not.toBe(new URL(app.baseUrl).origin);
      await page.goto(site.baseUrl);
      await expectToPlay(page.getByLabel('Video player'));
      expect(await page.evaluate(() => (window as unknown as { fatalError: string | null }).fatalError)).toBeNull();
    } finally {
      await site.close();
    }
  });

  test('the watch page plays without signing in, and may be framed only by the app itself', async ({ app, token, page }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'public-watch.mp4');
    await waitUntilReady(app, token, uid);
    const preview = ((await (await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } })).json()) as Envelope<{ preview: string }>).result.preview;
    expect(preview).toBe(`${app.baseUrl}/stream/${uid}/watch`);

    // This page's context has no session cookie.
    expect(await page.context().cookies()).toEqual([]);
    const response = await page.goto(preview);
    expect(response?.status()).toBe(200);
    expect(frameAncestorsOf(response?.headers()['content-security-policy'])).toBe("frame-ancestors 'self'");
    await expect(page.getByRole('heading', { level: 1, name: 'public-watch.mp4' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
    await expectToPlay(page.getByLabel('Video player'));
    await expectNoAxeViolations(page, 'the watch page');
  });

  test('the iframe page plays inside a page on another origin', async ({ app, token, page }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'embedded.mp4');
    await waitUntilReady(app, token, uid);
    const direct = await fetch(`${app.baseUrl}/stream/${uid}/iframe`);
    expect(direct.status).toBe(200);
    expect(frameAncestorsOf(direct.headers.get('content-security-policy'))).toBe('frame-ancestors *');
    await page.goto(`${app.baseUrl}/stream/${uid}/iframe`);
    await expect(page.getByLabel('Video player')).toHaveAttribute('controls', '');
    await expectNoAxeViolations(page, 'the iframe page');

    const site = await startOtherOrigin(`<!doctype html><html lang="en"><head><title>Embedding</title></head><body>
<iframe src="${app.baseUrl}/stream/${uid}/iframe" title="Embedded video" width="640" height="360" allow="autoplay; fullscreen"></iframe>
</body></html>`);
    try {
      await page.goto(site.baseUrl);
      await expectToPlay(page.frameLocator('iframe').getByLabel('Video player'));
    } finally {
      await site.close();
    }
  });

  test("the iframe page takes Cloudflare's autoplay, muted, startTime and controls parameters", async ({ app, token, page }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'autoplay.mp4');
    await waitUntilReady(app, token, uid);

    await page.goto(`${app.baseUrl}/stream/${uid}/iframe?autoplay=true&muted=true&startTime=2s`);
    const player = page.getByLabel('Video player');
    // Nobody presses play: it starts by itself, muted, from 2 s.
    await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime), { timeout: 60_000 }).toBeGreaterThan(2.2);
    expect(await player.evaluate((video: HTMLVideoElement) => ({ muted: video.muted, paused: video.paused, error: video.error?.code ?? null }))).toEqual({ muted: true, paused: false, error: null });

    await page.goto(`${app.baseUrl}/stream/${uid}/iframe?controls=false`);
    await expect(player).toBeVisible();
    await expect(player).not.toHaveAttribute('controls');
  });

  test('a player page that refuses keeps its status and says why in words', async ({ app, token, page }) => {
    const signed = await mintOk(app, token, { 'Upload-Metadata': metadata({ name: 'secret.mp4', requiresignedurls: null }) });
    for (const kind of ['watch', 'iframe']) {
      const refused = await page.goto(`${app.baseUrl}/stream/${signed.uid}/${kind}`);
      expect(refused?.status()).toBe(401);
      await expect(page.getByRole('heading', { level: 1, name: 'This video needs a signed link' })).toBeVisible();
      await expect(page.getByText('secret.mp4')).toHaveCount(0);
      await expectNoAxeViolations(page, `the refused ${kind} page`);

      const unknown = await page.goto(`${app.baseUrl}/stream/${'0'.repeat(32)}/${kind}`);
      expect(unknown?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1, name: 'No such video' })).toBeVisible();
    }
    // The gate's own request headers cannot be sent by a client: neither to open a page nor to drop the app's chrome.
    const forged = await fetch(`${app.baseUrl}/stream/${signed.uid}/watch`, { headers: { 'X-Upstream-Granted-Uid': signed.uid, 'X-Upstream-Player-Page': 'watch' } });
    expect(forged.status).toBe(401);
    const signInPage = await (await fetch(`${app.baseUrl}/sign-in`, { headers: { 'X-Upstream-Player-Page': 'iframe' } })).text();
    expect(signInPage).toContain('Skip to content');
  });

  test('a stream that cannot play says why, and shows no play button', async ({ app, token, page, context }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'lost-stream.mp4');
    await waitUntilReady(app, token, uid);
    // The stream's files vanish from the disk (a lost volume, a bad restore).
    fs.rmSync(path.join(app.dataDir, 'uploads', `${uid}.stream`), { recursive: true, force: true });
    await setSessionCookie(context, app.baseUrl, user.cookie);

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByRole('alert').filter({ hasText: 'This video cannot be played here: its stream is missing on the server.' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByLabel('Video player')).not.toHaveAttribute('controls');
    await expectNoAxeViolations(page, 'a video page whose stream cannot play');
  });

  test('the admin reviews a video in a player loaded only on demand', async ({ app, token, page, context, adminCookie }) => {
    const user = await newUser(app);
    const name = `review-${Date.now()}.mp4`;
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), name);
    await waitUntilReady(app, token, uid);
    await setSessionCookie(context, app.baseUrl, adminCookie);

    await page.goto(`${app.baseUrl}/admin?search=${encodeURIComponent(name)}`);
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(item).toBeVisible();
    await expect(page.locator('video')).toHaveCount(0);
    await item.getByRole('button', { name: 'Watch' }).click();
    await expectToPlay(item.getByLabel('Video player'));
  });
});

/** Uploads through the API with the `requiresignedurls` flag; returns the uid. */
async function uploadSigned(app: AppServer, token: string, file: string, name: string): Promise<string> {
  const data = fs.readFileSync(file);
  const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ name, requiresignedurls: null }) });
  const res = await patch(location, 0, data);
  if (res.status !== 204) throw new Error(`PATCH: ${res.status} ${await res.text()}`);
  return uid;
}

/** A signed token from `POST /stream/{uid}/token`, or null where the route does not exist yet. */
async function playbackToken(app: AppServer, token: string, uid: string): Promise<string | null> {
  const res = await fetch(streamUrl(app, `/${uid}/token`), { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  if (res.status === 404 || res.status === 405) return null;
  expect(res.status).toBe(200);
  return ((await res.json()) as Envelope<{ token: string }>).result.token;
}

test.describe('the player and signed URLs', () => {
  test('a signed video: the uid page is refused, the token page plays, and every stream URL it asks for carries the token', async ({ app, token, page }) => {
    const uid = await uploadSigned(app, token, MEDIA.clip, 'signed-watch.mp4');
    await waitUntilReady(app, token, uid);
    const signed = await playbackToken(app, token, uid);
    test.skip(signed === null, 'POST /stream/{uid}/token comes with the access branch');

    expect((await page.goto(`${app.baseUrl}/stream/${uid}/watch`))?.status()).toBe(401);
    const streamRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/stream/')) streamRequests.push(new URL(request.url()).pathname);
    });
    expect((await page.goto(`${app.baseUrl}/stream/${signed}/watch`))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'signed-watch.mp4' })).toBeVisible();
    await expectToPlay(page.getByLabel('Video player'));
    const media = streamRequests.filter((p) => !p.endsWith('/watch'));
    expect(media.some((p) => p.endsWith('/manifest/video.m3u8'))).toBe(true);
    expect(media.some((p) => p.endsWith('.m4s'))).toBe(true);
    expect(media.filter((p) => !p.startsWith(`/stream/${signed}/`))).toEqual([]);
  });

  test("the app's own video page plays a video that requires signed URLs, for a viewer who may see it", async ({ app, token, page, context, adminCookie }) => {
    const uid = await uploadSigned(app, token, MEDIA.clip, 'signed-admin.mp4');
    await waitUntilReady(app, token, uid);
    test.skip((await playbackToken(app, token, uid)) === null, 'signed URLs come with the access branch');
    await setSessionCookie(context, app.baseUrl, adminCookie);

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expectToPlay(page.getByLabel('Video player'));
  });
});

test.describe('the player while a video encodes', () => {
  test('"Still encoding: N %" shows while the video encodes, then the stream plays without a reload', async ({ page, context }) => {
    test.setTimeout(300_000);
    // ffmpeg reads the upload at its own frame rate (-re) for the encode only: a 5 s clip takes 5 s or more.
    const dataDir = makeDataDir('player');
    const slowFfmpeg = path.join(dataDir, 'slow-ffmpeg.sh');
    fs.writeFileSync(slowFfmpeg, '#!/bin/sh\ncase "$*" in *"-f dash"*) exec ffmpeg -re "$@";; esac\nexec ffmpeg "$@"\n', { mode: 0o755 });
    const app = await startApp({ dataDir, env: { FFMPEG_PATH: slowFfmpeg } });
    try {
      const user = await newUser(app);
      const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'slow-encode.mp4');
      await setSessionCookie(context, app.baseUrl, user.cookie);
      await page.goto(`${app.baseUrl}/videos/${uid}`);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      const player = page.getByLabel('Video player');
      await expect(page.getByRole('status').filter({ hasText: /^Still encoding: \d+ %/ })).toBeVisible();
      await expect(player).not.toHaveAttribute('controls');
      await expectNoAxeViolations(page, 'a video page while it encodes');

      await expectToPlay(player);
      await expect(page.getByText(/Still encoding/)).toHaveCount(0);
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
