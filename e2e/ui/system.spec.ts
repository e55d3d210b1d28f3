import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { mintWithToken, newUser, TUS } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { setSessionCookie } from '../fixtures/ui';

/** Issue 11: /admin/system shows what an on-call admin watches, from the catalog and this instance. */

async function totalOf(page: Page, chart: RegExp): Promise<number> {
  const caption = await page.getByRole('figure', { name: chart }).locator('figcaption strong').innerText();
  return Number(caption.replace(/[^\d]/g, ''));
}

function patch(location: string, offset: number, body: Buffer): Promise<Response> {
  return fetch(location, {
    method: 'PATCH',
    headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
    body: new Uint8Array(body),
  });
}

test.describe('the system page', () => {
  test('shows a known upload in flight, then the finished one in the charts’ counts', async ({ app, token, page, context, adminCookie }) => {
    const clip = fs.readFileSync(MEDIA.clip);
    const half = Math.floor(clip.length / 2);
    const mint = await mintWithToken(app, token, {
      'Upload-Length': String(clip.length),
      'Upload-Metadata': `name ${Buffer.from('system-page.mp4').toString('base64')}`,
    });
    const location = mint.headers.get('location')!;
    const uid = mint.headers.get('stream-media-id')!;
    expect((await patch(location, 0, clip.subarray(0, half))).status).toBe(204);

    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin/system`);
    await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
    // This instance, with a fresh heartbeat.
    await expect(page.getByRole('region', { name: 'Instances', exact: true })).toContainText('this instance');
    const inFlight = page.getByRole('region', { name: 'Uploads in flight', exact: true }).getByRole('row').filter({ hasText: uid });
    await expect(inFlight).toContainText('system-page.mp4');
    await expect(inFlight).toContainText(`${Math.floor((half / clip.length) * 100)}% (${half.toLocaleString('en-US')} bytes of ${clip.length.toLocaleString('en-US')} bytes)`);
    const uploadsBefore = await totalOf(page, /^Uploads completed per hour/);
    const bytesBefore = await totalOf(page, /^Bytes uploaded per hour/);

    expect((await patch(location, half, clip.subarray(half))).status).toBe(204);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText(uid);
    expect(await totalOf(page, /^Uploads completed per hour/)).toBe(uploadsBefore + 1);
    expect(await totalOf(page, /^Bytes uploaded per hour/)).toBe(bytesBefore + clip.length);
    // The hour's bar says what it holds.
    await expect(page.getByRole('figure', { name: /^Uploads completed per hour/ }).locator('rect title').last()).toHaveText(/UTC: [1-9]\d*$/);
  });

  test('is for admins: a user gets the 403 page, a visitor the sign-in page', async ({ app, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const res = await page.goto(`${app.baseUrl}/admin/system`);
    expect(res?.status()).toBe(403);
    await context.clearCookies();
    await page.goto(`${app.baseUrl}/admin/system`);
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('fits a 360 px screen, and leads to the webhook settings, which fit too', async ({ app, page, context, adminCookie }) => {
    await page.setViewportSize({ width: 360, height: 720 });
    await setSessionCookie(context, app.baseUrl, adminCookie);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto(`${app.baseUrl}/admin/system`);
    await expect(page.getByRole('region', { name: 'Instances', exact: true }).getByRole('row').filter({ hasText: 'this instance' })).toBeVisible();
    expect(await sideways(), 'sideways scroll on /admin/system').toBeLessThanOrEqual(0);
    await page.getByRole('link', { name: 'Webhook settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhook' })).toBeVisible();
    expect(await sideways(), 'sideways scroll on /admin/webhooks').toBeLessThanOrEqual(0);
  });
});
