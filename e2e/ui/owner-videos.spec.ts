import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AppServer } from '../fixtures/app-server';
import { setVideoColumns } from '../fixtures/catalog';
import { metadata, newUser, patch } from '../fixtures/http';
import { expectAccessible } from '../fixtures/page-checks';
import { expect, test } from '../fixtures/test';
import { uploadAsUser, setSessionCookie } from '../fixtures/ui';
import { MEDIA } from '../fixtures/ui-media';

/**
 * The owner's screens (issue #10): states that follow the video without a reload, failures in
 * words, interrupted uploads, rename, delete, copy buttons, search and paging.
 */

/** Mints through the app's own route (as the uploader does) and returns the tus URL and media ID; no bytes yet. */
async function mint(app: AppServer, cookie: string, name: string, length: number): Promise<{ uid: string; location: string }> {
  const res = await fetch(`${app.baseUrl}/api/uploads`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(length), 'Upload-Metadata': metadata({ name, filename: name, filetype: 'video/mp4' }) },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { uid: res.headers.get('stream-media-id')!, location: res.headers.get('location')! };
}

function card(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** A marker that survives client navigations and refreshes, and only those: a reload loses it. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
}

/** Text no page may show for a failed video: paths of the server and what the tools print. */
function expectNoMachineText(text: string, app: AppServer): void {
  expect(text).not.toContain(app.dataDir);
  expect(text).not.toMatch(/\/uploads\/|\/usr\/|ffprobe|ffmpeg|Invalid data found|ENOENT|EACCES/);
}

test.describe('my videos: states follow the video', () => {
  test('a real tiny video reaches "Ready" on /videos and on its page without a reload; its copy buttons copy working links', async ({ app, page, context }) => {
    const user = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const { uid, location } = await mint(app, user.cookie, 'follow-me.mp4', clip.length);
    const half = Math.floor(clip.length / 2);
    expect((await patch(location, 0, clip.subarray(0, half))).status).toBe(204);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });

    await page.goto(`${app.baseUrl}/videos`);
    const item = card(page, 'follow-me.mp4');
    await expect(item.getByText(/^Uploading \d+%$/)).toBeVisible();
    const videoPage = await context.newPage();
    await videoPage.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(videoPage.locator('.badges').getByText(/^Uploading \d+%$/)).toBeVisible();
    await markDocument(page);
    await markDocument(videoPage);

    // The rest of the bytes arrive from elsewhere (another device, a script): both pages follow.
    expect((await patch(location, half, clip.subarray(half))).status).toBe(204);
    await expect(item.getByText('Ready', { exact: true })).toBeVisible({ timeout: 120_000 });
    await expect(videoPage.locator('.badges').getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(videoPage.getByLabel('Video player')).toHaveAttribute('controls', '');
    expect(await isSameDocument(page)).toBe(true);
    expect(await isSameDocument(videoPage)).toBe(true);
    await expect(item).toContainText('5 s');

    // The copy buttons put exactly the text on the clipboard, and say so.
    await videoPage.bringToFront();
    const copied = async (button: string) => {
      const row = videoPage.getByRole('definition').filter({ has: videoPage.getByRole('button', { name: button }) });
      await row.getByRole('button', { name: button }).click();
      await expect(row.getByRole('status')).toHaveText('Copied');
      return videoPage.evaluate(() => navigator.clipboard.readText());
    };
    expect(await copied('Copy media ID')).toBe(uid);
    const shareLink = await copied('Copy share link');
    expect(shareLink).toBe(`${app.baseUrl}/stream/${uid}/watch`);
    const embed = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/${uid}/embed`, { headers: { Cookie: user.cookie } });
    expect(await copied('Copy embed code')).toBe(await embed.text());
    const hls = await copied('Copy HLS URL');
    expect(hls).toBe(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`);
    const dash = await copied('Copy DASH URL');
    expect(dash).toBe(`${app.baseUrl}/stream/${uid}/manifest/video.mpd`);
    // …and the links work, with no credentials.
    expect((await fetch(shareLink)).status).toBe(200);
    expect(await (await fetch(hls)).text()).toMatch(/^#EXTM3U/);
    expect(await (await fetch(dash)).text()).toContain('<MPD');

    await expectAccessible(videoPage, '/videos/{uid} (ready)');
    await page.bringToFront();
    await expectAccessible(page, '/videos (ready)');
  });
});

test.describe('my videos: honest outcomes', () => {
  test("a failed video's reason shows in words on /videos and on its page, never a path or tool output", async ({ app, page, context, adminCookie }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, Buffer.from('this is not a video, only some text in a file'.repeat(20)), 'broken.mp4');
    await setSessionCookie(context, app.baseUrl, user.cookie);

    await page.goto(`${app.baseUrl}/videos`);
    const item = card(page, 'broken.mp4');
    await expect(item.getByText('Error', { exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(item).toContainText('Reason');
    await expect(item).toContainText('The file is not a readable video');
    await expect(item).not.toContainText('Not known yet');
    expectNoMachineText(await page.locator('main').innerText(), app);
    await expectAccessible(page, '/videos (failed)');

    // Even a stored reason with a server path and ffprobe's words is shown in words.
    await setVideoColumns(app, uid, {
      errorReasonText: `${path.join(app.dataDir, 'uploads', uid)}: Invalid data found when processing input`,
      processingNote: 'spawn /usr/bin/ffprobe EACCES',
    });
    await page.reload();
    await expect(item).toContainText('The file is not a video that can be played.');
    expectNoMachineText(await page.locator('main').innerText(), app);

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.locator('main')).toContainText('The file is not a video that can be played.');
    expectNoMachineText(await page.locator('main').innerText(), app);
    await expectAccessible(page, '/videos/{uid} (failed)');

    // The admin's processing note is cut too (the log has the detail).
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByText('Processing note')).toBeVisible();
    expectNoMachineText(await page.locator('main').innerText(), app);
  });

  test('an upload no byte reached for 30 minutes reads "Interrupted", and can be discarded', async ({ app, page, context }) => {
    const user = await newUser(app);
    const { uid, location } = await mint(app, user.cookie, 'abandoned.mp4', 2000);
    expect((await patch(location, 0, Buffer.alloc(1000))).status).toBe(204);
    // As if the uploader had gone 40 minutes ago: the mint and the last byte are that old.
    const then = new Date(Date.now() - 40 * 60 * 1000);
    await setVideoColumns(app, uid, { created: then });
    fs.utimesSync(path.join(app.dataDir, 'uploads', uid), then, then);
    await setSessionCookie(context, app.baseUrl, user.cookie);

    await page.goto(`${app.baseUrl}/videos`);
    const item = card(page, 'abandoned.mp4');
    await expect(item.getByText('Interrupted', { exact: true })).toBeVisible();
    await expect(item).toContainText('Interrupted — resume by choosing the file again');
    await expect(item).not.toContainText('Uploading');
    await expectAccessible(page, '/videos (interrupted)');

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.locator('main')).toContainText('Interrupted — resume by choosing the file again');
    await expectAccessible(page, '/videos/{uid} (interrupted)');

    await page.goto(`${app.baseUrl}/videos`);
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await item.getByRole('button', { name: 'Discard upload' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted “abandoned.mp4”.' })).toBeVisible();
    expect(dialogs[0]).toContain('abandoned.mp4');
    await expect(card(page, 'abandoned.mp4')).toHaveCount(0);
    expect((await page.request.get(`${app.baseUrl}/videos/${uid}`)).status()).toBe(404);
    expect((await fetch(location, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(404);
  });
});

test.describe('my videos: rename and delete', () => {
  test('the owner renames a video (an empty name is refused with a message) and an admin may rename it too', async ({ app, page, context, adminCookie }) => {
    const user = await newUser(app);
    const { uid } = await mint(app, user.cookie, 'old-name.mp4', 1000);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);

    const field = page.getByLabel('Name', { exact: true });
    await expect(field).toHaveValue('old-name.mp4');
    await field.fill('   ');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Enter a name for the video: it cannot be empty.' })).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('old-name.mp4');

    await field.fill('Summer holiday');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Renamed to “Summer holiday”.' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Summer holiday');
    await page.goto(`${app.baseUrl}/videos`);
    await expect(card(page, 'Summer holiday')).toBeVisible();

    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await page.getByLabel('Name', { exact: true }).fill('Renamed by the admin');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renamed by the admin');
  });

  test('delete asks first, then the video is gone and /videos says so; a stranger gets "not found"', async ({ app, page, context }) => {
    const user = await newUser(app);
    const { uid } = await mint(app, user.cookie, 'to-delete.mp4', 1000);
    const stranger = await newUser(app);
    await setSessionCookie(context, app.baseUrl, stranger.cookie);
    expect((await page.goto(`${app.baseUrl}/videos/${uid}`))?.status()).toBe(404);

    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Delete video' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('to-delete.mp4');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete video' }).click();
    await expect(page).toHaveURL(/\/videos\?deleted=/);
    await expect(page.getByRole('status').filter({ hasText: 'Deleted “to-delete.mp4”.' })).toBeVisible();
    await expect(card(page, 'to-delete.mp4')).toHaveCount(0);
    expect((await page.goto(`${app.baseUrl}/videos/${uid}`))?.status()).toBe(404);
  });
});

test.describe('my videos: search, state filter, paging, local times', () => {
  test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });

  test('26 videos page by 24; search by name and by media ID; times in the viewer’s zone without a hydration warning', async ({ app, page, context }) => {
    const user = await newUser(app);
    const uids: string[] = [];
    for (let i = 1; i <= 25; i += 1) uids.push((await mint(app, user.cookie, `clip-${String(i).padStart(2, '0')}.mp4`, 1000)).uid);
    uids.push((await mint(app, user.cookie, 'holiday.mp4', 1000)).uid);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (/hydrat|#418|#423|#425/i.test(message.text())) warnings.push(message.text());
    });

    await page.goto(`${app.baseUrl}/videos`);
    await expect(page.getByText('Videos 1–24 of 26.')).toBeVisible();
    await expect(page.locator('.video-card')).toHaveCount(24);
    // Newest first: the last minted is first.
    await expect(page.locator('.video-card').first()).toContainText('holiday.mp4');

    // The creation time in Tokyo's zone, the instant in <time dateTime>.
    const time = card(page, 'holiday.mp4').locator('time');
    const iso = await time.getAttribute('datetime');
    const tokyo = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(iso!));
    await expect(time).toContainText(tokyo);
    await expect(time).not.toContainText('UTC');

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older videos' }).click();
    await expect(page.getByText('Videos 25–26 of 26.')).toBeVisible();
    await expect(page.locator('.video-card')).toHaveCount(2);
    await expect(card(page, 'clip-01.mp4')).toBeVisible();

    const search = page.getByRole('search', { name: 'Search my videos' });
    await search.getByLabel('Search by name or media ID').fill('holiday');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('1 video matching “holiday”.')).toBeVisible();
    await expect(page.locator('.video-card')).toHaveCount(1);
    await expect(card(page, 'holiday.mp4')).toBeVisible();

    await page.getByRole('search').getByLabel('Search by name or media ID').fill(uids[2]!.toUpperCase());
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('.video-card')).toHaveCount(1);
    await expect(card(page, 'clip-03.mp4')).toBeVisible();

    await page.getByRole('search').getByLabel('Search by name or media ID').fill('clip');
    await page.getByRole('search').getByLabel('State').selectOption({ label: 'Ready' });
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('No videos match this search.')).toBeVisible();
    await page.getByRole('search').getByLabel('State').selectOption({ label: 'Uploading' });
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('Videos 1–24 of 25 matching “clip” in state Uploading.')).toBeVisible();
    await expectAccessible(page, '/videos (search)');

    await page.getByRole('link', { name: 'Clear' }).click();
    await expect(page.getByText('Videos 1–24 of 26.')).toBeVisible();
    expect(warnings).toEqual([]);
  });
});
