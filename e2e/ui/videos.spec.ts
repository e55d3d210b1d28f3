import fs from 'node:fs';
import { newUser } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { mediaIdOf, uploadAsUser, uploadItem, setSessionCookie } from '../fixtures/ui';

test.describe('my videos and the player', () => {
  test('/videos lists my videos; a video page plays its HLS stream and seeks', async ({ app, page, context }) => {
    const user = await newUser(app);
    const uid = await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'holiday.mp4');
    await setSessionCookie(context, app.baseUrl, user.cookie);

    await page.goto(`${app.baseUrl}/videos`);
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'holiday.mp4' }) });
    // Uploaded, so past "Uploading": waiting for processing, or further once processing runs.
    await expect(card).toContainText(/Waiting for processing|Processing|Encoding|Ready/);
    await expect(card).toContainText('175 KB');
    await expect(card.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

    const manifests: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes(`/stream/${uid}/manifest/`)) manifests.push(response.url());
    });
    await card.getByRole('link', { name: 'holiday.mp4' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByRole('heading', { level: 1, name: 'holiday.mp4' })).toBeVisible();
    await expect(page.getByText(uid, { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Download the original' })).toHaveAttribute('href', `/client/v4/accounts/local/stream/${uid}/original`);

    // The page follows the video to "ready" by itself; then the player has its controls.
    const player = page.getByLabel('Video player');
    await expect(player).toHaveAttribute('controls', '', { timeout: 120_000 });
    const seeked = await player.evaluate(async (video: HTMLVideoElement) => {
      if (video.readyState < 1) await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
      const duration = video.duration;
      video.currentTime = 4;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      return { duration, currentTime: video.currentTime };
    });
    expect(seeked.duration).toBeCloseTo(5, 0);
    expect(seeked.currentTime).toBeCloseTo(4, 0);
    expect(manifests.some((url) => url.endsWith(`/stream/${uid}/manifest/video.m3u8`))).toBe(true);
  });

  test("user A gets 404 on user B's video page and on its original", async ({ app, page, context }) => {
    const owner = await newUser(app);
    const uid = await uploadAsUser(app, owner.cookie, fs.readFileSync(MEDIA.clip), 'private.mp4');
    const stranger = await newUser(app);
    await setSessionCookie(context, app.baseUrl, stranger.cookie);

    const pageResponse = await page.goto(`${app.baseUrl}/videos/${uid}`);
    expect(pageResponse?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
    await expect(page.getByText('private.mp4')).toHaveCount(0);

    const original = await page.request.get(`${app.baseUrl}/client/v4/accounts/local/stream/${uid}/original`);
    expect(original.status()).toBe(404);

    await page.goto(`${app.baseUrl}/videos`);
    await expect(page.getByText('No videos yet.')).toBeVisible();

    // The owner does see it (the 404 was about who asked, not about the video).
    await setSessionCookie(context, app.baseUrl, owner.cookie);
    expect((await page.goto(`${app.baseUrl}/videos/${uid}`))?.status()).toBe(200);
  });

  test('a file name with markup is shown as text everywhere', async ({ app, page, context, adminCookie }) => {
    const name = '<img src=x onerror=alert(1)>.mp4';
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);

    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Choose video').setInputFiles({ name, mimeType: 'video/mp4', buffer: fs.readFileSync(MEDIA.clip) });
    const item = uploadItem(page, name);
    await expect(item.getByText('Upload complete')).toBeVisible();
    const uid = await mediaIdOf(item);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);

    await page.goto(`${app.baseUrl}/videos`);
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);

    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);

    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin?search=${encodeURIComponent('onerror')}`);
    await expect(page.getByRole('link', { name, exact: true }).first()).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();

    expect(dialogs).toEqual([]);
  });
});
