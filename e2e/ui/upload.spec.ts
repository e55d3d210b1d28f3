import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Request } from '@playwright/test';
import type { AppServer } from '../fixtures/app-server';
import { newUser } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { startThrottleProxy, type ThrottleProxy } from '../fixtures/throttle-proxy';
import { sha256 } from '../fixtures/tus';
import { downloadOriginal, fileSha256, mediaIdOf, progressOf, recordMintRequests, recordUploadRequests, storedResumeKeys, uploadItem, setSessionCookie } from '../fixtures/ui';

const BIG = path.basename(MEDIA.big);
// ~30 MB at 6 MB/s: about five seconds on the wire, time enough to pause, go offline or reload.
const SLOW_UPLINK = 6_000_000;

let proxy: ThrottleProxy | undefined;

test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** A signed-in page behind a slow uplink. */
async function openSlowUploader({ app, page, context }: { app: AppServer; page: Page; context: BrowserContext }, bytesPerSecond = SLOW_UPLINK): Promise<void> {
  const user = await newUser(app);
  proxy = await startThrottleProxy(app.port, bytesPerSecond);
  await setSessionCookie(context, proxy.baseUrl, user.cookie);
  await page.goto(`${proxy.baseUrl}/`);
}

test.describe('the uploader', () => {
  test('uploads a 30 MB video: Pause holds the progress still for 2 s, Resume finishes it byte-exact', async ({ app, token, page, context }) => {
    await openSlowUploader({ app, page, context });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    const item = uploadItem(page, BIG);
    await expect.poll(() => progressOf(item)).toBeGreaterThan(5);

    await item.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(item.getByText(/^Paused — \d+%$/)).toBeVisible();
    const held = await progressOf(item);
    expect(held).toBeLessThan(100);
    await page.waitForTimeout(2000);
    expect(await progressOf(item)).toBe(held);
    await expect(item.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);

    await item.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(item.getByText('Upload complete')).toBeVisible({ timeout: 60_000 });
    await expect(item.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    const uid = await mediaIdOf(item);
    await expect(item.getByRole('link', { name: 'View video' })).toHaveAttribute('href', `/videos/${uid}`);
    expect(sha256(await downloadOriginal(app, token, uid))).toBe(fileSha256(MEDIA.big));
    expect(await storedResumeKeys(page)).toEqual([]);
  });

  test('offline for 5 s in the middle: the item says so, and it finishes by itself once back online', async ({ app, token, page, context }) => {
    await openSlowUploader({ app, page, context });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    const item = uploadItem(page, BIG);
    await expect.poll(() => progressOf(item)).toBeGreaterThan(20);

    await context.setOffline(true);
    await expect(item.getByText(/^Offline — \d+%/)).toBeVisible();
    const held = await progressOf(item);
    await page.waitForTimeout(5000);
    expect(await progressOf(item)).toBe(held);
    await context.setOffline(false);

    // No click: the `online` event carries it on from the server's offset.
    await expect(item.getByText('Upload complete')).toBeVisible({ timeout: 60_000 });
    const uid = await mediaIdOf(item);
    expect(sha256(await downloadOriginal(app, token, uid))).toBe(fileSha256(MEDIA.big));
  });

  test('a reload in the middle lists the interrupted upload; choosing the same file resumes at the server offset', async ({ app, token, page, context }) => {
    await openSlowUploader({ app, page, context });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    await expect.poll(() => progressOf(uploadItem(page, BIG))).toBeGreaterThan(20);

    await page.reload();
    const interrupted = uploadItem(page, BIG);
    await expect(interrupted.getByText(new RegExp(`^Interrupted — ${BIG.replace('.', '\\.')}, \\d+%$`))).toBeVisible();
    await expect(interrupted.getByText('Choose the same file to continue where it stopped.')).toBeVisible();

    // Another file is not mixed up with it: from the item's own picker it is refused ...
    await interrupted.getByLabel(`Choose “${BIG}” again`).setInputFiles(MEDIA.clip);
    await expect(interrupted.getByRole('alert')).toHaveText(/^“clip-v1\.mp4” is not the file this upload was made from/);
    // ... and from the main picker it is a new upload of its own.
    await page.getByLabel('Choose video').setInputFiles(MEDIA.clip);
    await expect(uploadItem(page, path.basename(MEDIA.clip)).getByText('Upload complete')).toBeVisible();
    await expect(interrupted.getByText(/^Interrupted — /)).toBeVisible();

    const patchOffsets: number[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'PATCH') patchOffsets.push(Number(request.headers()['upload-offset']));
    });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    await expect(interrupted.getByText('Upload complete')).toBeVisible({ timeout: 60_000 });
    expect(patchOffsets[0]).toBeGreaterThan(0);

    const uid = await mediaIdOf(interrupted);
    expect(sha256(await downloadOriginal(app, token, uid))).toBe(fileSha256(MEDIA.big));
    expect(await storedResumeKeys(page)).toEqual([]);
  });

  test('uploads keep going while the person looks at other pages of the app', async ({ app, token, page, context }) => {
    // Slower still: the upload must outlast two page visits.
    await openSlowUploader({ app, page, context }, SLOW_UPLINK / 2);
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    await expect.poll(() => progressOf(uploadItem(page, BIG))).toBeGreaterThan(5);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My videos' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'My videos' })).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: BIG })).toContainText('Uploading');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Upload' }).click();

    const item = uploadItem(page, BIG);
    await expect(item.getByText('Upload complete')).toBeVisible({ timeout: 60_000 });
    expect(sha256(await downloadOriginal(app, token, await mediaIdOf(item)))).toBe(fileSha256(MEDIA.big));
  });

  test('a video longer than the maximum duration is refused before upload, with no mint request', async ({ app, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const mints = recordMintRequests(page);
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Choose video').setInputFiles(MEDIA.long);
    const item = uploadItem(page, path.basename(MEDIA.long));
    await expect(item.getByRole('alert')).toHaveText(/is 1 h 1 min 40 s long, longer than the limit of 1 h\./);
    await expect(item.getByText('Not uploaded')).toBeVisible();
    await expect(item.getByRole('progressbar')).toHaveCount(0);
    expect(mints).toEqual([]);
  });

  test('a file that is not a video, or larger than the server allows, is refused in words before upload', async ({ app, page, context }, testInfo) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const mints = recordMintRequests(page);
    await page.goto(`${app.baseUrl}/`);

    await page.getByLabel('Choose video').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a video') });
    await expect(uploadItem(page, 'notes.txt').getByRole('alert')).toHaveText('“notes.txt” is not a video file. Choose a video, for example MP4, MOV or WebM.');

    // Over MAX_UPLOAD_BYTES (5 GiB by default) without writing 5 GiB: a sparse file.
    const huge = testInfo.outputPath('huge.mp4');
    fs.mkdirSync(path.dirname(huge), { recursive: true });
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 6 * 1024 ** 3);
    try {
      await page.getByLabel('Choose video').setInputFiles(huge);
      await expect(uploadItem(page, 'huge.mp4').getByRole('alert')).toHaveText('“huge.mp4” is 6.4 GB, larger than this server\'s limit of 5.4 GB.');
    } finally {
      fs.rmSync(huge, { force: true });
    }
    expect(mints).toEqual([]);
  });

  test('several files queue, from the picker or dropped, and each finishes', async ({ app, token, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/`);
    const clip = fs.readFileSync(MEDIA.clip);
    const log = recordUploadRequests(page);
    // The first PATCH is held until released: the other files must wait for it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let hold!: () => void;
    const held = new Promise<void>((resolve) => (hold = resolve));
    let isFirstPatch = true;
    await page.route('**/api/tus/**', async (route) => {
      if (route.request().method() === 'PATCH' && isFirstPatch) {
        isFirstPatch = false;
        hold();
        await released;
      }
      await route.continue();
    });

    await page.getByLabel('Choose video').setInputFiles([
      { name: 'first.mp4', mimeType: 'video/mp4', buffer: clip },
      { name: 'second.mp4', mimeType: 'video/mp4', buffer: Buffer.concat([clip, Buffer.from('second')]) },
    ]);
    // Dropped onto the page: a real drop event carrying a file.
    const dataTransfer = await page.evaluateHandle(async (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'dropped.mp4', { type: 'video/mp4' }));
      return transfer;
    }, [...clip, ...Buffer.from('dropped')]);
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });

    // While the first file's bytes are on their way, nothing of the others is sent, not even a mint.
    // The first chosen goes first, even when the second one's checks end before its own.
    await held;
    await page.waitForTimeout(1_500);
    expect(log).toEqual(['mint first.mp4', 'send first.mp4']);
    release();

    for (const name of ['first.mp4', 'second.mp4', 'dropped.mp4']) {
      const item = uploadItem(page, name);
      await expect(item.getByText('Upload complete')).toBeVisible();
      expect((await downloadOriginal(app, token, await mediaIdOf(item))).length).toBeGreaterThanOrEqual(clip.length);
    }
    // In the order they were added, one at a time: each file is minted after the one before it
    // has sent its last byte, and one PATCH at a time is in flight.
    const files = log.map((line) => line.split(' ')[1]);
    expect(files.filter((name, i) => name !== files[i - 1]), log.join(', ')).toEqual(['first.mp4', 'second.mp4', 'dropped.mp4']);
    expect(log.filter((line) => line.startsWith('mint')).length).toBe(3);
    const sendsAndSents = log.filter((line) => !line.startsWith('mint')).map((line) => line.split(' ')[0]);
    expect(sendsAndSents.every((kind, i) => kind === (i % 2 === 0 ? 'send' : 'sent')), log.join(', ')).toBe(true);
  });

  test('server trouble is retried with backoff and said in words; a lost session is explained, never as a status code', async ({ app, token, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/`);
    let failures = 0;
    await page.route('**/api/tus/**', async (route) => {
      if (route.request().method() === 'PATCH' && failures < 2) {
        failures += 1;
        await route.fulfill({ status: 500, contentType: 'text/plain', body: 'The disk is busy' });
        return;
      }
      await route.continue();
    });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.clip);
    const item = uploadItem(page, path.basename(MEDIA.clip));
    await expect(item.getByText('The server had a problem. Trying again in 3 s…')).toBeVisible();
    await expect(item.getByText('Upload complete')).toBeVisible();
    expect(failures).toBe(2);
    expect(sha256(await downloadOriginal(app, token, await mediaIdOf(item)))).toBe(fileSha256(MEDIA.clip));
    await page.unroute('**/api/tus/**');

    // The session ends while the page is open: the mint answers 401 in its JSON envelope.
    await context.clearCookies();
    await page.getByLabel('Choose video').setInputFiles({ name: 'later.mp4', mimeType: 'video/mp4', buffer: fs.readFileSync(MEDIA.clip) });
    const later = uploadItem(page, 'later.mp4');
    await expect(later.getByRole('alert')).toHaveText('You are signed out. Sign in again, then choose the file again.');
    await expect(later).not.toContainText('401');
    await expect(later.getByRole('button', { name: 'Retry', exact: true })).toBeVisible();
    // ... with a way to sign in again that comes back to the uploader.
    await expect(later.getByRole('link', { name: 'Sign in', exact: true })).toHaveAttribute('href', '/sign-in?callbackUrl=/');
  });

  test('cancel ends an upload: the item says so and the server forgets it', async ({ app, page, context }) => {
    await openSlowUploader({ app, page, context });
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    const item = uploadItem(page, BIG);
    await expect.poll(() => progressOf(item)).toBeGreaterThan(5);
    await item.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(item.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(item.getByRole('button', { name: 'Remove', exact: true })).toBeFocused();
    expect(await storedResumeKeys(page)).toEqual([]);
    // The server ended it too: the catalog shows it in error (ERR_CANCELLED).
    await page.goto(`${proxy!.baseUrl}/videos`);
    await expect(page.getByRole('listitem').filter({ hasText: BIG })).toContainText('Error');
  });
});
