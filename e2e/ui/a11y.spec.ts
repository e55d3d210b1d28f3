import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newUser } from '../fixtures/http';
import { expectFitsThePhone, expectNoAxeViolations } from '../fixtures/page-checks';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { startThrottleProxy } from '../fixtures/throttle-proxy';
import { progressOf, uploadAsUser, uploadItem, setSessionCookie } from '../fixtures/ui';
import { startReceiver } from '../fixtures/webhook-receiver';

/**
 * axe-core on every page, in the states that matter (errors shown, uploads listed), on a
 * desktop and on a phone; on the phone also: no sideways scroll, touch targets of 44 px.
 */

async function check(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  await expectFitsThePhone(page, label);
}

test.describe('accessibility and small screens', () => {
  test('sign-in and sign-up, also with their errors showing', async ({ app, page }) => {
    await page.goto(`${app.baseUrl}/sign-in`);
    await check(page, '/sign-in');
    await page.getByLabel('Email').fill('nobody@example.com');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
    await check(page, '/sign-in with an error');

    await page.goto(`${app.baseUrl}/sign-up`);
    await check(page, '/sign-up');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
    await check(page, '/sign-up with errors');
  });

  test('the uploader with uploads in every state, my videos, a video page', async ({ app, page, context }) => {
    const user = await newUser(app);
    const proxy = await startThrottleProxy(app.port, 6_000_000);
    try {
      await setSessionCookie(context, proxy.baseUrl, user.cookie);
      await page.goto(`${proxy.baseUrl}/`);
      await check(page, '/ (empty)');

      // Interrupted (a reload in the middle), refused, complete and paused items on one page.
      await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
      await expect.poll(() => progressOf(uploadItem(page, path.basename(MEDIA.big)))).toBeGreaterThan(5);
      await page.reload();
      await expect(page.getByText(/^Interrupted — /)).toBeVisible();
      await page.getByLabel('Choose video').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('text') });
      await page.getByLabel('Choose video').setInputFiles(MEDIA.clip);
      const clip = uploadItem(page, path.basename(MEDIA.clip));
      await expect(clip.getByText('Upload complete')).toBeVisible();
      await page.getByLabel('Choose video').setInputFiles({ name: 'second.mp4', mimeType: 'video/mp4', buffer: Buffer.concat([fs.readFileSync(MEDIA.big), Buffer.from('2')]) });
      const second = uploadItem(page, 'second.mp4');
      await expect.poll(() => progressOf(second)).toBeGreaterThan(1);
      await second.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect(second.getByText(/^Paused/)).toBeVisible();
      await check(page, '/ (with uploads)');

      const uid = (await clip.getByText(/^[0-9a-f]{32}$/).innerText()).trim();
      await page.goto(`${proxy.baseUrl}/videos`);
      await check(page, '/videos');
      await page.goto(`${proxy.baseUrl}/videos/${uid}`);
      await expect(page.getByLabel('Video player')).toBeVisible();
      await check(page, '/videos/{uid}');
      await page.goto(`${proxy.baseUrl}/videos/${'0'.repeat(32)}`);
      await check(page, 'the 404 page');
    } finally {
      await proxy.close();
    }
  });

  test('the admin page and the 403 page', async ({ app, page, context, adminCookie }) => {
    const user = await newUser(app);
    await uploadAsUser(app, user.cookie, fs.readFileSync(MEDIA.clip), 'a11y-admin.mp4');
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin`);
    await page.getByRole('listitem').filter({ hasText: 'a11y-admin.mp4' }).first().getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Approved “a11y-admin.mp4”.' }).first()).toBeVisible();
    await check(page, '/admin');
    await page.goto(`${app.baseUrl}/admin?status=nonsense`);
    await check(page, '/admin with a bad filter');

    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/admin`);
    await check(page, 'the 403 page');
  });

  test('the system page, with an upload in flight', async ({ app, page, context, adminCookie, token }) => {
    const mint = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream?direct_user=true`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Tus-Resumable': '1.0.0', 'Upload-Length': '2000', 'Upload-Metadata': `name ${Buffer.from('a11y-in-flight.mp4').toString('base64')}` },
    });
    await fetch(mint.headers.get('location')!, {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
      body: new Uint8Array(1000),
    });
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin/system`);
    await expect(page.getByRole('region', { name: 'Uploads in flight', exact: true })).toContainText('a11y-in-flight.mp4');
    await check(page, '/admin/system');
  });

  test('the webhook page: empty, then with the secret shown, an outcome and the log; the account page', async ({ app, page, context, adminCookie, token }) => {
    const receiver = await startReceiver();
    const hook = `${app.baseUrl}/client/v4/accounts/local/stream/webhook`;
    try {
      await setSessionCookie(context, app.baseUrl, adminCookie);
      await page.goto(`${app.baseUrl}/admin/webhooks`);
      await expect(page.getByRole('heading', { level: 1, name: 'Webhook' })).toBeVisible();
      await check(page, '/admin/webhooks (no webhook)');
      await page.getByLabel('Notification URL').fill('not a url');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
      await check(page, '/admin/webhooks with an error');
      await page.getByLabel('Notification URL').fill(receiver.url);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
      await page.getByRole('button', { name: 'Send a test notice' }).click();
      await expect(page.getByRole('main').getByRole('status')).toContainText('delivered');
      await expect(page.getByRole('region', { name: 'Webhook deliveries' }).getByRole('row').nth(1)).toBeVisible();
      await check(page, '/admin/webhooks (secret, outcome and log)');

      await page.goto(`${app.baseUrl}/account`);
      await check(page, '/account');
    } finally {
      await fetch(hook, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      await receiver.close();
    }
  });

  test('keyboard: the file picker takes focus, and the ring shows on its button', async ({ app, page, context }) => {
    test.skip(test.info().project.name.includes('phone'), 'a keyboard check, on the desktop');
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    await page.goto(`${app.baseUrl}/`);
    const input = page.getByLabel('Choose video');
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect(input).toBeFocused();
    // The ring is drawn on the label that looks like the button.
    const outline = await page.locator('label', { hasText: 'Choose video' }).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe('solid');
  });
});
