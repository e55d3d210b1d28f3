import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { AppServer } from '../fixtures/app-server';
import { getVideo, metadata, mintOk, newUser, patch, streamUrl } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { ADMIN, expect, test } from '../fixtures/test';
import { uploadAsUser, setSessionCookie } from '../fixtures/ui';
import { startReceiver } from '../fixtures/webhook-receiver';

let counter = 0;
const uniqueName = (label: string) => `${label}-${process.pid}-${Date.now()}-${counter++}.mp4`;
const uniqueTag = (label: string) => `${label}${process.pid}${Date.now()}${counter++}`;

/** A video's row on /admin, found by its name (the link to its page). */
const rowOf = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });

/** A video that is still uploading: minted through the API, half its bytes sent. */
async function uploadingVideo(app: AppServer, token: string, name: string): Promise<string> {
  const { uid, location } = await mintOk(app, token, { 'Upload-Length': '2000', 'Upload-Metadata': metadata({ name }) });
  expect((await patch(location, 0, new Uint8Array(1000))).status).toBe(204);
  return uid;
}

/** A video that failed: 1000 bytes of an MP4 are no video. */
async function failedVideo(app: AppServer, token: string, cookie: string, name: string): Promise<string> {
  const uid = await uploadAsUser(app, cookie, fs.readFileSync(MEDIA.clip).subarray(0, 1000), name);
  // Behind the other tests' videos in the shared app's one processing slot: on a busy machine, minutes.
  await expect.poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: 150_000 }).toBe('error');
  return uid;
}

async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => ({ rule: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(found, `axe violations on ${label}`).toEqual([]);
}

async function expectNoSidewaysScrollAt360(page: Page, label: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `sideways scroll at 360 px on ${label}`).toBeLessThanOrEqual(0);
  await page.setViewportSize(size);
}

test.describe('admin review', () => {
  test('an admin approves, rejects with a reason and deletes; each outcome shows; the uploader reads the reason, never the reviewer', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const name = uniqueName('review');
    const uid = await uploadAsUser(app, owner.cookie, clip, name);
    await setSessionCookie(context, app.baseUrl, adminCookie);

    await page.goto(`${app.baseUrl}/admin`);
    await expect(page.getByRole('heading', { level: 1, name: 'All videos' })).toBeVisible();
    const row = rowOf(page, name);
    await expect(row).toContainText(uid);
    await expect(row).toContainText(owner.email);
    await expect(row).toContainText('Review pending');

    await row.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status')).toHaveText(`Approved “${name}”.`);
    // The time is the viewer's own (LocalTime): its format follows the browser's language and zone.
    await expect(row).toContainText(new RegExp(`Approved by ${ADMIN.email.replace('.', '\\.')} on .*\\b\\d{4}\\b`));
    expect((await getVideo(app, token, uid)).review).toBe('approved');

    const reason = 'The sound is missing; please upload it again with audio.';
    await page.getByLabel('Reason sent with Reject (optional)').fill(reason);
    await row.getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('status')).toHaveText(`Rejected “${name}”.`);
    await expect(row).toContainText(`Rejected by ${ADMIN.email}`);
    await expect(row).toContainText(reason);
    await expect(page.getByLabel('Reason sent with Reject (optional)')).toHaveValue('');
    expect((await getVideo(app, token, uid)).review).toBe('rejected');

    // The owner sees the decision and the reason, on the video and in the list; never who decided.
    await setSessionCookie(context, app.baseUrl, owner.cookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByText(`Reason: ${reason}`)).toBeVisible();
    await expect(page.getByText('Rejected').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Moderation' })).toHaveCount(0);
    expect(await page.content()).not.toContain(ADMIN.email);
    await page.goto(`${app.baseUrl}/videos`);
    await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText(`Rejected: ${reason}`);
    expect(await page.content()).not.toContain(ADMIN.email);

    // Delete asks first: dismissing keeps the video, accepting removes it and says so.
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin`);
    page.once('dialog', (dialog) => void dialog.dismiss());
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(row).toBeVisible();
    expect((await getVideo(app, token, uid)).uid).toBe(uid);

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await row.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status')).toHaveText(`Deleted “${name}”.`);
    await expect(row).toHaveCount(0);
    expect(question).toContain(name);
    const gone = await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } });
    expect(gone.status).toBe(404);
  });

  test('must refuse a rejection reason over 500 characters with a message, and reject nothing', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const name = uniqueName('long-reason');
    const uid = await uploadAsUser(app, owner.cookie, fs.readFileSync(MEDIA.clip), name);
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin?search=${encodeURIComponent(name)}`);
    // The field stops at 500; a page that sends more anyway (an old tab, a script) is answered in words.
    await page.getByLabel('Reason sent with Reject (optional)').evaluate((input) => input.removeAttribute('maxlength'));
    await page.getByLabel('Reason sent with Reject (optional)').fill('x'.repeat(501));
    await rowOf(page, name).getByRole('button', { name: 'Reject' }).click();
    await expect(page.getByRole('status')).toHaveText('Keep the reason to 500 characters or fewer.');
    expect((await getVideo(app, token, uid)).review).toBe('pending');
  });

  test('one search box finds a video by name, by media ID and by part of its creator’s email, and says how many match', async ({ app, page, context, adminCookie }) => {
    const alice = await newUser(app);
    const bob = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const tag = uniqueTag('find');
    const aliceOne = await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-1.mp4`);
    await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-2.mp4`);
    const bobs = await uploadAsUser(app, bob.cookie, clip, `${tag}-bob.mp4`);
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin`);
    const search = page.getByLabel('Search by name, media ID or creator’s email');
    const names = page.getByRole('list', { name: 'Videos' }).getByRole('link');

    await search.fill(tag);
    await search.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: '3 videos match' })).toBeVisible();
    await expect(names).toHaveText([`${tag}-bob.mp4`, `${tag}-alice-2.mp4`, `${tag}-alice-1.mp4`]);

    // The media ID, whole or its first characters.
    await page.getByLabel('Search by name, media ID or creator’s email').fill(aliceOne);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '1 video matches' })).toBeVisible();
    await expect(names).toHaveText([`${tag}-alice-1.mp4`]);
    await page.getByLabel('Search by name, media ID or creator’s email').fill(bobs.slice(0, 12).toUpperCase());
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(names).toHaveText([`${tag}-bob.mp4`]);

    // A part of the creator's email (user<pid>-<time>-<n>@example.com): neither its start nor its domain.
    const part = alice.email.slice('user'.length, alice.email.indexOf('@')).toUpperCase();
    await page.getByLabel('Search by name, media ID or creator’s email').fill(part);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '2 videos match' })).toBeVisible();
    await expect(names).toHaveText([`${tag}-alice-2.mp4`, `${tag}-alice-1.mp4`]);
  });

  test('filters by state and review decision beside the search; newest first; pages', async ({ app, page, context, adminCookie }) => {
    const alice = await newUser(app);
    const bob = await newUser(app);
    const clip = fs.readFileSync(MEDIA.clip);
    const tag = uniqueTag('filter');
    const first = await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-1.mp4`);
    const second = await uploadAsUser(app, alice.cookie, clip, `${tag}-alice-2.mp4`);
    await setSessionCookie(context, app.baseUrl, adminCookie);
    const names = page.getByRole('list', { name: 'Videos' }).getByRole('link');

    await page.goto(`${app.baseUrl}/admin?search=${tag}`);
    // On a phone the two lists fold behind a button.
    const more = page.getByRole('button', { name: 'State and review' });
    if (test.info().project.name.includes('phone')) {
      await expect(page.getByLabel('State')).toBeHidden();
      await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
    } else {
      await expect(more).toBeHidden();
    }
    await page.getByLabel('State').selectOption('queued');
    await page.getByLabel('Review').selectOption('approved');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No videos match these filters.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: '0 videos match' })).toBeVisible();

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/admin`);
    await page.getByLabel('Search by name').fill(`${tag}-alice-1`);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(names).toHaveText([`${tag}-alice-1.mp4`]);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByRole('status')).toHaveText(`Approved “${tag}-alice-1.mp4”.`);
    await page.goto(`${app.baseUrl}/admin?search=${tag}&review=approved`);
    await expect(names).toHaveText([`${tag}-alice-1.mp4`]);
    await expect(page.getByRole('listitem').filter({ hasText: first })).toHaveCount(1);
    await expect(page.getByRole('listitem').filter({ hasText: second })).toHaveCount(0);

    // Paging: newest first, 50 to a page, "Older videos" continues. Uploads made at once share
    // creation milliseconds: the cursor neither skips nor repeats them.
    test.skip(test.info().project.name.includes('phone'), 'paging is the same at any width: once, on the desktop');
    const pageNames = Array.from({ length: 51 }, (_, i) => `${tag}-page-${String(i).padStart(2, '0')}.mp4`);
    for (let i = 0; i < pageNames.length; i += 17) {
      await Promise.all(pageNames.slice(i, i + 17).map((n) => uploadAsUser(app, bob.cookie, clip.subarray(0, 1000), n)));
    }
    await page.goto(`${app.baseUrl}/admin?search=${tag}-page`);
    await expect(names).toHaveCount(50);
    await expect(page.getByRole('heading', { level: 2, name: '51 videos match; 50 on this page' })).toBeVisible();
    const firstPage = await names.allInnerTexts();
    await page.getByRole('link', { name: 'Older videos' }).click();
    await expect(names).toHaveCount(1);
    const shown = [...firstPage, ...(await names.allInnerTexts())];
    expect(new Set(shown).size).toBe(51);
    expect([...shown].sort()).toEqual([...pageNames].sort());
    await page.getByRole('link', { name: 'Newest' }).click();
    await expect(names).toHaveCount(50);
  });

  test('Approve and Reject are offered once every byte has arrived and nothing failed; Delete always', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const tag = uniqueTag('offer');
    await uploadingVideo(app, token, `${tag}-uploading.mp4`);
    await failedVideo(app, token, owner.cookie, `${tag}-failed.mp4`);
    await uploadAsUser(app, owner.cookie, fs.readFileSync(MEDIA.clip), `${tag}-complete.mp4`);
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin?search=${tag}`);

    for (const label of ['uploading', 'failed']) {
      const row = rowOf(page, `${tag}-${label}.mp4`);
      await expect(row.getByRole('button', { name: 'Delete' })).toBeVisible();
      await expect(row.getByRole('button', { name: 'Approve' })).toHaveCount(0);
      await expect(row.getByRole('button', { name: 'Reject' })).toHaveCount(0);
    }
    await expect(rowOf(page, `${tag}-uploading.mp4`)).toContainText('Uploading 50%');
    await expect(rowOf(page, `${tag}-failed.mp4`)).toContainText('Error');
    await expect(rowOf(page, `${tag}-complete.mp4`).getByRole('button', { name: 'Approve' })).toBeVisible();

    // Selected with the others, they are skipped, and the message says why.
    await page.getByLabel('Select all on this page').check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expect(page.getByRole('status')).toHaveText(
      `Approved “${tag}-complete.mp4”. “${tag}-failed.mp4” was skipped. It cannot be approved: it failed, so there is nothing to review (delete it instead). “${tag}-uploading.mp4” was skipped. It cannot be approved: it is still uploading.`,
    );

    await expectNoAxeViolations(page, '/admin with videos uploading, failed, approved and selected');
    await expectNoSidewaysScrollAt360(page, '/admin');
  });

  test('bulk: select three, approve them at once; select all on the page and delete after asking', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const tag = uniqueTag('bulk');
    const clip = fs.readFileSync(MEDIA.clip);
    const names = [1, 2, 3, 4].map((n) => `${tag}-${n}.mp4`);
    const uids = await Promise.all(names.map((name) => uploadAsUser(app, owner.cookie, clip, name)));
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin?search=${tag}`);

    await expect(page.getByRole('button', { name: 'Approve selected' })).toHaveCount(0);
    for (const name of names.slice(0, 3)) await page.getByRole('checkbox', { name: `Select “${name}”` }).check();
    await expect(page.getByRole('group', { name: 'Selected videos' })).toContainText('3 selected');
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expect(page.getByRole('status')).toHaveText('Approved 3 videos.');
    for (const uid of uids.slice(0, 3)) expect((await getVideo(app, token, uid)).review).toBe('approved');
    expect((await getVideo(app, token, uids[3]!)).review).toBe('pending');
    // Done: the selection is cleared.
    await expect(page.getByRole('checkbox', { name: `Select “${names[0]}”` })).not.toBeChecked();

    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    for (const name of names) await expect(page.getByRole('checkbox', { name: `Select “${name}”` })).toBeChecked();
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Delete selected' }).click();
    await expect(page.getByRole('status')).toHaveText('Deleted 4 videos.');
    expect(question).toBe('Delete 4 videos for good? Their files are removed; this cannot be undone.');
    await expect(page.getByText('No videos match these filters.')).toBeVisible();
    for (const uid of uids) expect((await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  test('keyboard review: j/k move, a approves, r rejects; each move and decision is announced; typing in a field is left alone', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const tag = uniqueTag('keys');
    const clip = fs.readFileSync(MEDIA.clip);
    const uids: string[] = [];
    for (const n of [1, 2, 3]) uids.push(await uploadAsUser(app, owner.cookie, clip, `${tag}-${n}.mp4`));
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/admin?search=${tag}`);
    await expect(page.getByText('Keys:')).toContainText('a approve');

    // Typing a into the search box types it.
    await page.getByLabel('Search by name').press('End');
    await page.getByLabel('Search by name').press('a');
    await expect(page.getByLabel('Search by name')).toHaveValue(`${tag}a`);
    expect(await page.getByRole('status').innerText()).toBe('');

    // Newest first: 3, 2, 1.
    await page.getByRole('heading', { level: 1 }).click();
    await page.keyboard.press('j');
    await expect(page.getByText(`1 of 3: ${tag}-3.mp4.`)).toBeAttached();
    await expect(rowOf(page, `${tag}-3.mp4`)).toBeFocused();
    await page.keyboard.press('a');
    await expect(page.getByRole('status')).toHaveText(`Approved “${tag}-3.mp4”.`);
    await page.keyboard.press('j');
    await expect(page.getByText(`2 of 3: ${tag}-2.mp4.`)).toBeAttached();
    await page.keyboard.press('r');
    await expect(page.getByRole('status')).toHaveText(`Rejected “${tag}-2.mp4”.`);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByText(`3 of 3: ${tag}-1.mp4.`)).toBeAttached();
    await page.keyboard.press('a');
    await expect(page.getByRole('status')).toHaveText(`Approved “${tag}-1.mp4”.`);
    await page.keyboard.press('k');
    await expect(page.getByText(`2 of 3: ${tag}-2.mp4. `)).toBeAttached();
    await expect(page.getByText(/Review rejected\.$/)).toBeAttached({ timeout: 30_000 });

    expect((await getVideo(app, token, uids[2]!)).review).toBe('approved');
    expect((await getVideo(app, token, uids[1]!)).review).toBe('rejected');
    expect((await getVideo(app, token, uids[0]!)).review).toBe('approved');
  });

  test('an admin moderates on a video’s page; "My videos" is not the current page there', async ({ app, token, page, context, adminCookie }) => {
    const owner = await newUser(app);
    const name = uniqueName('page');
    const uid = await uploadAsUser(app, owner.cookie, fs.readFileSync(MEDIA.clip), name);
    await setSessionCookie(context, app.baseUrl, adminCookie);
    await page.goto(`${app.baseUrl}/videos/${uid}`);

    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'My videos' })).not.toHaveAttribute('aria-current', 'page');
    const panel = page.getByRole('region', { name: 'Moderation' });
    await panel.getByRole('button', { name: 'Approve' }).click();
    await expect(panel.getByRole('status')).toHaveText(`Approved “${name}”.`);
    await expect(page.getByRole('definition').filter({ hasText: `by ${ADMIN.email}` })).toContainText('Approved');
    expect((await getVideo(app, token, uid)).review).toBe('approved');
    await expectNoAxeViolations(page, 'a video page as admin');
    await expectNoSidewaysScrollAt360(page, 'a video page as admin');

    await panel.getByLabel('Reason sent with Reject (optional)').fill('Wrong file.');
    await panel.getByRole('button', { name: 'Reject' }).click();
    await expect(panel.getByRole('status')).toHaveText(`Rejected “${name}”.`);
    await expect(page.getByText('Reason: Wrong file.')).toBeVisible();

    page.once('dialog', (dialog) => void dialog.accept());
    await panel.getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/admin`);
    await expect(page.getByRole('status')).toHaveText(`Deleted “${name}”.`);
    await expect(nav.getByRole('link', { name: 'Admin' })).toHaveAttribute('aria-current', 'page');
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
