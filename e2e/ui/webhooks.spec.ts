import http from 'node:http';
import type { Page } from '@playwright/test';
import { getVideo, metadata, mintOk, newUser, patch, streamUrl } from '../fixtures/http';
import { expect, test } from '../fixtures/test';
import { setSessionCookie } from '../fixtures/ui';
import { startReceiver } from '../fixtures/webhook-receiver';
import type { AppServer } from '../fixtures/app-server';

/** Issue 10: the admin's webhook settings screen (/admin/webhooks) and its log. */

let counter = 0;
const uniqueName = (stem: string) => `${stem}-${process.pid}-${Date.now()}-${counter++}.mp4`;

/** A finished video with a name, quickly: bytes that are no video end in `error` after the probe. */
async function finishedVideo(app: AppServer, token: string, name: string): Promise<string> {
  const bytes = Buffer.from('this is not a video at all');
  const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(bytes.length), 'Upload-Metadata': metadata({ name }) });
  expect((await patch(location, 0, bytes)).status).toBe(204);
  await expect.poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: 30_000 }).toBe('error');
  return uid;
}

/** A port on which nothing listens (it was just freed). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'sideways scroll').toBeLessThanOrEqual(0);
}

test.describe('the webhook settings page', () => {
  test('set the URL (the secret shown once), send a signed test notice to a real receiver, see it in the log, remove', async ({ app, token, page, context, adminCookie }) => {
    const receiver = await startReceiver();
    const hook = streamUrl(app, '/webhook');
    try {
      await finishedVideo(app, token, uniqueName('webhook-page'));
      await setSessionCookie(context, app.baseUrl, adminCookie);
      await page.goto(`${app.baseUrl}/admin`);
      await page.getByRole('link', { name: 'Webhook', exact: true }).click();
      await expect(page).toHaveURL(`${app.baseUrl}/admin/webhooks`);
      await expect(page.getByRole('heading', { level: 1, name: 'Webhook' })).toBeVisible();

      // A wrong URL is refused by the rule of PUT /stream/webhook, in words.
      const url = page.getByLabel('Notification URL');
      await url.fill('ftp://example.com/hooks');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('The notification URL must start with http:// or https:// (not ftp://).');
      await expect(url).toHaveAttribute('aria-invalid', 'true');

      await url.fill(receiver.url);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText(`Saved: notices now go to ${receiver.url}.`);
      const secretText = page.getByText(/^[0-9a-f]{64}$/);
      await expect(secretText).toBeVisible();
      const secret = (await secretText.innerText()).trim();
      // The same webhook as Cloudflare's API shows.
      const api = await (await fetch(hook, { headers: { Authorization: `Bearer ${token}` } })).json();
      expect(api.result).toMatchObject({ notificationUrl: receiver.url, secret });
      receiver.setSecret(secret);

      await page.getByRole('button', { name: 'Send a test notice' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText(/^Test notice about “.+” delivered: the receiver answered 200\.$/);
      expect(receiver.notices).toHaveLength(1);
      const notice = receiver.notices[0]!;
      expect(notice.signatureValid).toBe(true);
      const { uid } = notice.body;
      const name = (notice.body as unknown as { meta: { name: string } }).meta.name;

      // The log names the video and links to its page, with its ID.
      const log = page.getByRole('region', { name: 'Webhook deliveries' });
      const row = log.getByRole('row').filter({ hasText: 'Test notice' }).filter({ hasText: uid });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('Delivered');
      await expect(row).toContainText('answered 200');
      await expect(row.getByRole('link', { name })).toHaveAttribute('href', `/videos/${uid}`);
      await expectNoSidewaysScroll(page);

      // After a reload the secret is no longer shown: only that it is set.
      await page.reload();
      await expect(page.getByText(/Signing secret: set\./)).toBeVisible();
      await expect(page.getByText(/^[0-9a-f]{64}$/)).toHaveCount(0);
      await expect(page.getByLabel('Notification URL')).toHaveValue(receiver.url);

      await row.getByRole('link', { name }).click();
      await expect(page).toHaveURL(`${app.baseUrl}/videos/${uid}`);
      await page.goBack();

      // Remove, after a confirmation.
      let question = '';
      page.once('dialog', (dialog) => {
        question = dialog.message();
        void dialog.accept();
      });
      await page.getByRole('button', { name: 'Remove webhook' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText('Removed the webhook: no notices are sent until a notification URL is saved again.');
      expect(question).toContain('Remove the webhook?');
      await expect(page.getByText('No webhook is set: no notices are sent.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Send a test notice' })).toHaveCount(0);
      expect((await fetch(hook, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
    } finally {
      await fetch(hook, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      await receiver.close();
    }
  });

  test('a test notice to a receiver that is not there says why, once, and is logged as given up', async ({ app, token, page, context, adminCookie }) => {
    const hook = streamUrl(app, '/webhook');
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/hooks`;
    try {
      await setSessionCookie(context, app.baseUrl, adminCookie);
      await page.goto(`${app.baseUrl}/admin/webhooks`);
      await page.getByLabel('Notification URL').fill(url);
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByRole('main').getByRole('status')).toHaveText(`Saved: notices now go to ${url}.`);

      await page.getByRole('button', { name: 'Send a test notice' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText(/not delivered: Could not reach the receiver: nothing accepts connections at that address \(connection refused\)\.$/);
      const row = page.getByRole('region', { name: 'Webhook deliveries' }).getByRole('row').filter({ hasText: 'connection refused' }).first();
      await expect(row).toContainText('Given up');
      await expect(row.getByRole('listitem')).toHaveCount(1);
    } finally {
      await fetch(hook, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    }
  });

  test('is for admins: a user gets the 403 page, a visitor the sign-in page', async ({ app, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const res = await page.goto(`${app.baseUrl}/admin/webhooks`);
    expect(res?.status()).toBe(403);
    await context.clearCookies();
    await page.goto(`${app.baseUrl}/admin/webhooks`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fwebhooks/);
  });
});
