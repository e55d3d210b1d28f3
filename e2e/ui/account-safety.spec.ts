import fs from 'node:fs';
import { makeDataDir, startApp } from '../fixtures/app-server';
import { newUser } from '../fixtures/http';
import { setSessionCookie } from '../fixtures/ui';
import { expect, test } from '../fixtures/test';

/** Issue 13's browser-side findings, in Debian's Chromium through the real pages. */

// Each was accepted before: browsers drop tabs and newlines and read "\" as "/", so these become //evil.example.
const BAD_CALLBACKS = ['/\t/evil.example/x', '/\n/evil.example/x', '/\r\n/evil.example', '//evil.example/x', '/\\evil.example', '/\t\\evil.example', 'https://evil.example/x', '/%09/evil.example'.replace('%09', '\t')];

test.describe('no open redirect after sign-in', () => {
  for (const callbackUrl of BAD_CALLBACKS) {
    test(`callbackUrl ${JSON.stringify(callbackUrl)} lands on this site`, async ({ app, page }) => {
      const { email } = await newUser(app);
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      // Nothing may leave for evil.example (the test would otherwise hang on an unresolvable host).
      await page.route((url) => url.hostname.endsWith('evil.example'), (route) => route.abort());
      await page.goto(`${app.baseUrl}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${app.baseUrl}/`);
      await expect(page.getByLabel('Choose video')).toBeAttached();

      // Already signed in: the sign-in page sends you on at once, to the same safe place.
      await page.goto(`${app.baseUrl}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await expect(page).toHaveURL(`${app.baseUrl}/`);
      expect(violations).toEqual([]);
    });
  }
});

test.describe('sessions', () => {
  test('"Sign out everywhere" on the account page ends this session and the ones on other devices', async ({ app, page, browser }) => {
    const { email, cookie } = await newUser(app);
    const other = await browser.newContext();
    try {
      await setSessionCookie(other, app.baseUrl, cookie);
      const otherPage = await other.newPage();
      await otherPage.goto(`${app.baseUrl}/videos`);
      await expect(otherPage.getByRole('heading', { level: 1, name: 'My videos' })).toBeVisible();

      await page.goto(`${app.baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page).toHaveURL(`${app.baseUrl}/`);
      await page.goto(`${app.baseUrl}/account`);
      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);

      await otherPage.goto(`${app.baseUrl}/videos`);
      await expect(otherPage).toHaveURL(`${app.baseUrl}/sign-in?callbackUrl=%2Fvideos`);
    } finally {
      await other.close();
    }
  });

  test('a throttled sign-in says so in words, even with the right password', async ({ page, dbEnv }) => {
    const dataDir = makeDataDir('ui-throttle');
    const app = await startApp({ dataDir, env: { ...dbEnv, SIGN_IN_FAILURES_PER_ACCOUNT: '2' } });
    try {
      const { email } = await newUser(app);
      await page.goto(`${app.baseUrl}/sign-in`);
      await page.getByLabel('Email').fill(email);
      for (let i = 0; i < 2; i++) {
        await page.getByLabel('Password').fill('wrong-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password. Check both and try again.');
        await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
      }
      await page.getByLabel('Password').fill('password123');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('main').getByRole('alert')).toHaveText('Too many failed sign-in attempts. Wait a few minutes, then try again.');
      await expect(page).toHaveURL(`${app.baseUrl}/sign-in`);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
