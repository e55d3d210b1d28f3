import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { newUser } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { startThrottleProxy, type ThrottleProxy } from '../fixtures/throttle-proxy';
import { mediaIdOf, progressOf, setSessionCookie, uploadItem } from '../fixtures/ui';

/**
 * The uploader after the last byte (the video's state in its row, without a reload) and the
 * queue as a whole: total progress, Pause all / Resume all / Cancel all, Clear finished,
 * thumbnails made in the browser, and axe with a queue showing.
 */

let proxy: ThrottleProxy | undefined;

test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${label}`).toEqual([]);
}

async function expectFitsThePhone(page: Page): Promise<void> {
  if (!test.info().project.name.includes('phone')) return;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'sideways scroll').toBeLessThanOrEqual(0);
}

/** The row's thumbnail: a frame drawn from the file (an <img> with a data: URL), or null for the icon. */
async function thumbnailOf(item: Locator): Promise<{ width: number } | null> {
  const img = item.locator('img');
  if ((await img.count()) === 0) return null;
  return img.evaluate((el: HTMLImageElement) => ({ width: el.naturalWidth, src: el.src.slice(0, 22) }));
}

function statusColor(item: Locator): Promise<string> {
  return item.getByText('Upload complete', { exact: true }).evaluate((el) => getComputedStyle(el.closest('p')!).color);
}

test.describe('the uploader after the last byte', () => {
  test('a real tiny video reaches "Ready" in its row, a random-bytes "video" ends with the reason in words; Clear finished removes both rows', async ({ app, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/`);
    const fake = crypto.randomBytes(2 * 1024 * 1024);
    await page.getByLabel('Choose video').setInputFiles([
      { name: path.basename(MEDIA.clip), mimeType: 'video/mp4', buffer: fs.readFileSync(MEDIA.clip) },
      { name: 'fake.mp4', mimeType: 'video/mp4', buffer: fake },
    ]);

    const clip = uploadItem(page, path.basename(MEDIA.clip));
    const broken = uploadItem(page, 'fake.mp4');
    // A frame of the real video; an icon for bytes the browser cannot decode.
    await expect.poll(() => thumbnailOf(clip)).toMatchObject({ width: expect.any(Number) });
    expect((await thumbnailOf(clip))!.width).toBeGreaterThan(0);

    await expect(clip.getByText('Upload complete', { exact: true })).toBeVisible();
    await expect(clip.getByText('Ready', { exact: true })).toBeVisible({ timeout: 90_000 });
    const uid = await mediaIdOf(clip);
    await expect(clip.getByRole('link', { name: 'View video' })).toHaveAttribute('href', `/videos/${uid}`);

    // "Upload complete" stays (every byte arrived), but it is not dressed as a success.
    await expect(broken.getByText('Upload complete', { exact: true })).toBeVisible();
    await expect(broken.getByText('Cannot be played', { exact: true })).toBeVisible({ timeout: 90_000 });
    const reason = broken.getByRole('alert');
    await expect(reason).toHaveText(/\w+ \w+/);
    const said = await reason.innerText();
    expect(said, 'no path or tool output').not.toMatch(/\/(tmp|data|work|home)\/|ffmpeg|ffprobe|Invalid data|moov atom/i);
    expect(await thumbnailOf(broken)).toBeNull();
    expect(await statusColor(broken)).not.toBe(await statusColor(clip));
    await expect(page.getByText('Ready', { exact: true })).toHaveCount(1);

    // The queue's controls are for files on their way: only Clear finished is left.
    await expect(page.getByRole('progressbar', { name: 'Total progress' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /all$/ })).toHaveCount(0);
    await expectNoAxeViolations(page, '/ with a ready and a failed upload');
    await expectFitsThePhone(page);

    await page.getByRole('button', { name: 'Clear finished' }).click();
    await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3 }) })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Uploads' })).toHaveCount(0);
    await expect(page.getByLabel('Choose video')).toBeFocused();
  });
});

test.describe('a queue of two files', () => {
  test('total progress counts both; Pause all holds both, Resume all goes on in order, Cancel all ends both', async ({ app, page, context }, testInfo) => {
    const user = await newUser(app);
    // ~30 MB each at 6 MB/s: time enough for every step.
    proxy = await startThrottleProxy(app.port, 6_000_000);
    await setSessionCookie(context, proxy.baseUrl, user.cookie);
    await page.goto(`${proxy.baseUrl}/`);
    // Two different files (the same one twice would be refused as already listed), on disk:
    // Playwright passes no buffer over 50 MB.
    const [onePath, twoPath] = [testInfo.outputPath('one.mp4'), testInfo.outputPath('two.mp4')];
    fs.mkdirSync(path.dirname(onePath), { recursive: true });
    fs.copyFileSync(MEDIA.big, onePath);
    fs.copyFileSync(MEDIA.big, twoPath);
    fs.appendFileSync(twoPath, 'two');
    const bothBytes = fs.statSync(onePath).size + fs.statSync(twoPath).size;
    await page.getByLabel('Choose video').setInputFiles([onePath, twoPath]);
    const one = uploadItem(page, 'one.mp4');
    const two = uploadItem(page, 'two.mp4');
    const total = page.getByRole('progressbar', { name: 'Total progress' });
    await expect.poll(() => progressOf(one)).toBeGreaterThan(5);
    // Both files count: the first's bytes are under half of the total.
    const totalText = (await total.getAttribute('aria-valuetext')) ?? '';
    const ofMb = Number(/ of ([\d.]+) MB$/.exec(totalText)?.[1]);
    expect(ofMb, totalText).toBeCloseTo(bothBytes / 1e6, 0);
    expect(Number(await total.getAttribute('aria-valuenow'))).toBeLessThan(50);
    await expect(two.getByText('Waiting for the upload before it')).toBeVisible();

    await page.getByRole('button', { name: 'Pause all' }).click();
    await expect(one.getByText(/^Paused — \d+%$/)).toBeVisible();
    await expect(two.getByText('Paused — 0%')).toBeVisible();
    const held = await total.getAttribute('aria-valuenow');
    await page.waitForTimeout(2_000);
    await expect(total).toHaveAttribute('aria-valuenow', held!);
    expect(await progressOf(two)).toBe(0);
    await expectNoAxeViolations(page, '/ with a paused queue');
    await expectFitsThePhone(page);

    // Resume all: the first goes on from its offset, the second waits its turn again.
    const resumeAll = page.getByRole('button', { name: 'Resume all' });
    await resumeAll.click();
    await expect(page.getByRole('button', { name: 'Pause all' })).toBeFocused();
    await expect(one.getByText(/^Uploading — \d+%/)).toBeVisible();
    await expect(two.getByText('Waiting for the upload before it')).toBeVisible();

    await page.getByRole('button', { name: 'Cancel all' }).click();
    await expect(one.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(two.getByText('Cancelled', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cancel all' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Pause all' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await expect(one).toHaveCount(0);
    await expect(two).toHaveCount(0);
  });
});
