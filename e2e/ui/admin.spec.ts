import fs from 'node:fs';
import { getVideo, newUser, streamUrl } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { ADMIN, expect, test } from '../fixtures/test';
import { uploadAsUser, setSessionCookie } from '../fixtures/ui';
import { startReceiver } from '../fixtures/webhook-receiver';

let counter = 0;
const uniqueName = (label: string) => `${label}-${process.pid}-${Date.now()}-${counter++}.mp4`;

test.describe('admin review', () => {
  test('an admin approves, rejects and deletes; each decision shows who and when', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const name = uniqueName('review');
    const uid = await uploadAsUser(app, owner.cookie, clip, name);
    await setSessionCookie(context, app.baseUrl, adminCookie);

    await page.goto(`${app.baseUrl}/admin`);
    await expect(page.getByRole('heading', { level: 1, name: 'All videos' })).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(card).toContainText(uid);
    await expect(card).toContainText(owner.email);
    await expect(card).toContainText('Review pending');

    await card.getByRole('button', { name: 'Approve' }).click();
    await expect(card.getByRole('status')).toHaveText(`Approved “${name}”.`);
    await expect(card).toContainText(new RegExp(`Approved by ${ADMIN.email.replace('.', '\\.')} on \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d UTC`));
    expect((await getVideo(app, token, uid)).review).toBe('approved');

    await card.getByRole('button', { name: 'Reject' }).click();
    await expect(card.getByRole('status')).toHaveText(`Rejected “${name}”.`);
    await expect(card).toContainText(`Rejected by ${ADMIN.email}`);
    expect((await getVideo(app, token, uid)).review).toBe('rejected');

    // The owner sees the decision on the video.
    await setSessionCookie(context, app.baseUrl, owner.cookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByText(`by ${ADMIN.email} on`)).toBeVisible();
    await expect(page.getByText('Rejected').first()).toBeVisible();

    // Delete asks first: dismissing keeps the video, accepting removes it.
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await card.getByRole('button', { name: 'Delete' }).click();
    await expect(card).toBeVisible();
    expect((await getVideo(app, token, uid)).uid).toBe(uid);

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await card.getByRole('button', { name: 'Delete' }).click();
    await expect(card).toHaveCount(0);
    expect(question).toContain(name);
    const gone = await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } });
    expect(gone.status).toBe(404);
  });

  test('filters by state, review decision, creator and name; newest first; pages', async ({ app, page, context, adminCookie }) => {
    const alice = await newUser(app);
    const bob = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const tag = `filter${process.pid}${Date.now()}`;
    const first = await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-1.mp4`);
    const second = await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-2.mp4`);
    await uploadAsUser(app, bob.cookie, clip, `${tag}-bob.mp4`);
    await setSessionCookie(context, app.baseUrl, adminCookie);

    await page.goto(`${app.baseUrl}/admin`);
    await page.getByLabel('Search by name').fill(tag);
    await page.getByLabel('Creator').fill(alice.email);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/creator=/);
    const titles = page.locator('.video-card__title');
    await expect(titles).toHaveText([`${tag}-alice-2.mp4`, `${tag}-alice-1.mp4`]);

    await page.getByLabel('State').selectOption('queued');
    await page.getByLabel('Review').selectOption('approved');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No videos match these filters.')).toBeVisible();

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/admin`);
    await expect(page.getByLabel('State')).toHaveValue('');
    await expect(page.getByLabel('Review')).toHaveValue('');
    await page.getByLabel('Search by name').fill(`${tag}-alice-1`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status')).toHaveText(`Approved “${tag}-alice-1.mp4”.`);
    await page.goto(`${app.baseUrl}/admin?search=${tag}&review=approved`);
    await expect(titles).toHaveText([`${tag}-alice-1.mp4`]);
    await expect(page.locator('.video-card').filter({ hasText: first })).toHaveCount(1);
    await expect(page.locator('.video-card').filter({ hasText: second })).toHaveCount(0);

    // Paging: newest first, 50 to a page, "Older videos" continues. Uploads made at once share
    // creation milliseconds: the cursor neither skips nor repeats them.
    const names = Array.from({ length: 51 }, (_, i) => `${tag}-page-${String(i).padStart(2, '0')}.mp4`);
    for (let i = 0; i < names.length; i += 17) {
      await Promise.all(names.slice(i, i + 17).map((n) => uploadAsUser(app, bob.cookie, clip.subarray(0, 1000), n)));
    }
    await page.goto(`${app.baseUrl}/admin?search=${tag}-page`);
    await expect(titles).toHaveCount(50);
    const firstPage = await titles.allInnerTexts();
    await page.getByRole('link', { name: 'Older videos' }).click();
    await expect(titles).toHaveCount(1);
    const shown = [...firstPage, ...(await titles.allInnerTexts())];
    expect(new Set(shown).size).toBe(51);
    expect([...shown].sort()).toEqual([...names].sort());
    await page.getByRole('link', { name: 'Newest' }).click();
    await expect(titles).toHaveCount(50);
  });

  test('a signed-in non-admin gets a 403 page; a visitor gets the sign-in page', async ({ app, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const response = await page.goto(`${app.baseUrl}/admin`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Forbidden (403)' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Admin' })).toHaveCount(0);

    await context.clearCookies();
    await page.goto(`${app.baseUrl}/admin`);
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in?callbackUrl=%2Fadmin`);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });

  test('the webhook log shows every delivery attempt', async ({ app, token, page, context, adminCookie }) => {
    const receiver = await startReceiver({ failFirstPerVideo: 1 });
    const hook = `${app.baseUrl}/client/v4/accounts/local/stream/webhook`;
    const auth = { Authorization: `Bearer ${token}` };
    try {
      const put = await fetch(hook, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ notificationUrl: receiver.url }) });
      expect(put.status).toBe(200);
      const owner = await newUser(app);
      const uid = await uploadAsUser(app, owner.cookie, fs.readFileSync(MEDIA.clip), uniqueName('hooked'));
      // The first attempt fails (503), the retry (WEBHOOK_RETRY_BASE_SECONDS later) is delivered.
      // Ready now waits for the encode, behind the encodes of this worker's earlier uploads.
      await expect.poll(() => receiver.notices.some((n) => n.body.uid === uid), { timeout: 90_000 }).toBe(true);

      await setSessionCookie(context, app.baseUrl, adminCookie);
      await page.goto(`${app.baseUrl}/admin`);
      const log = page.getByRole('region', { name: 'Webhook deliveries' });
      await expect(log).toContainText(receiver.url);
      const row = log.getByRole('row').filter({ hasText: uid });
      await expect(row).toContainText('Delivered');
      await expect(row.getByRole('listitem')).toHaveCount(2);
      await expect(row).toContainText('The receiver answered 503.');
      await expect(row).toContainText('answered 200');
    } finally {
      await fetch(hook, { method: 'DELETE', headers: auth });
      await receiver.close();
    }
  });
});
