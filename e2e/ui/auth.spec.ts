import fs from 'node:fs';
import { startApp } from '../fixtures/app-server';
import { newUser, signIn, streamUrl } from '../fixtures/http';
import { ADMIN, expect, test } from '../fixtures/test';
import { setSessionCookie } from '../fixtures/ui';

let counter = 0;
const freshEmail = () => `ui${process.pid}-${Date.now()}-${counter++}@example.com`;

test.describe('signing up, in and out', () => {
  test('sign up, sign out, sign in again; a wrong password is refused with a message', async ({ app, page }) => {
    const email = freshEmail();
    await page.goto(`${app.baseUrl}/sign-up`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Upload videos' })).toBeVisible();
    await expect(page.getByText(email)).toBeAttached(); // shown beside Sign out where there is room

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);
    await page.goto(`${app.baseUrl}/`);
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password. Check both and try again.');
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);

    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/`);
    await expect(page.getByLabel('Choose video')).toBeAttached();
  });

  test('a visitor who opens a private page signs in and lands back on it', async ({ app, page }) => {
    const { email } = await newUser(app);
    await page.goto(`${app.baseUrl}/videos`);
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in?callbackUrl=%2Fvideos`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/videos`);
    await expect(page.getByRole('heading', { level: 1, name: 'My videos' })).toBeVisible();
  });

  test('sign-up explains what is wrong: a short password, an address already taken', async ({ app, page }) => {
    await page.goto(`${app.baseUrl}/sign-up`);
    await page.getByLabel('Email').fill(freshEmail());
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Use at least 8 characters for your password.')).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('An account with this email already exists. Sign in instead.');
  });

  test('the sign-in page sends nobody off-site after signing in', async ({ app, page }) => {
    const { email } = await newUser(app);
    await page.goto(`${app.baseUrl}/sign-in?callbackUrl=${encodeURIComponent('//evil.example/steal')}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/`);
  });

  test('with ALLOW_SIGNUP=false, sign-up says it is off and sign-in offers no way to it', async ({ page }) => {
    test.skip(test.info().project.name !== 'ui-desktop', 'one extra server is enough: on the desktop');
    const closed = await startApp({ env: { ALLOW_SIGNUP: 'false' } });
    try {
      await page.goto(`${closed.baseUrl}/sign-up`);
      await expect(page.getByText('Sign-up is turned off on this server. Ask an admin for an account.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);
      await page.goto(`${closed.baseUrl}/sign-in`);
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Create an account' })).toHaveCount(0);
    } finally {
      await closed.stop();
      fs.rmSync(closed.dataDir, { recursive: true, force: true });
    }
  });

  test('Sign out ends the session on the server: a copy of its cookie no longer gets in, another session stays', async ({ app, page, context }) => {
    const { email, cookie } = await newUser(app);
    const other = await signIn(app.baseUrl, email, 'password123');
    const listAs = (sessionCookie: string) => fetch(streamUrl(app), { headers: { Cookie: sessionCookie } }).then((res) => res.status);
    expect(await listAs(cookie)).toBe(200);

    await setSessionCookie(context, app.baseUrl, cookie);
    await page.goto(`${app.baseUrl}/videos`);
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);

    // The old cookie, replayed, is refused by the API and the pages alike.
    expect(await listAs(cookie)).toBe(401);
    await setSessionCookie(context, app.baseUrl, cookie);
    await page.goto(`${app.baseUrl}/videos`);
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in?callbackUrl=%2Fvideos`);
    // Only that session ended: the same user signed in elsewhere stays signed in.
    expect(await listAs(other)).toBe(200);
  });

  test('at 360 px the header fits and leads to the account: who is signed in, and Sign out', async ({ app, page, context }) => {
    const { email, cookie } = await newUser(app);
    await page.setViewportSize({ width: 360, height: 720 });
    await setSessionCookie(context, app.baseUrl, cookie);
    await page.goto(`${app.baseUrl}/`);
    const header = page.getByRole('banner');
    const account = header.getByRole('link', { name: /^Account/ });
    await expect(account).toBeVisible();
    for (const control of [account, header.getByRole('button', { name: 'Sign out' }), header.getByRole('link', { name: 'My videos' })]) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width, 'inside the 360 px screen').toBeLessThanOrEqual(360);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    await account.click();
    await expect(page).toHaveURL(`${app.baseUrl}/account`);
    await expect(page.getByRole('main')).toContainText(`Signed in as ${email}.`);
    await page.getByRole('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);
  });
});
