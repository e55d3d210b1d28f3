import { defineConfig, devices } from '@playwright/test';

/**
 * One runner for every test: `unit` (lib/**\/*.test.ts, no server), `api` (the running app
 * over real HTTP: each worker starts its own server on its own data folder), and `ui-desktop`
 * / `ui-phone` (the pages in Debian's Chromium, as a desktop and as a phone). Test videos are
 * made with ffmpeg once, in the global setup.
 */

// Debian's chromium (apt), never a downloaded browser.
const chromium = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export default defineConfig({
  workers: 2,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  globalSetup: './e2e/global-setup.ts',
  projects: [
    { name: 'unit', testDir: 'lib', testMatch: '**/*.test.ts' },
    { name: 'api', testDir: 'e2e/api', testMatch: '**/*.spec.ts' },
    {
      name: 'ui-desktop',
      testDir: 'e2e/ui',
      testMatch: '**/*.spec.ts',
      use: { ...devices['Desktop Chrome'], launchOptions: chromium, trace: 'retain-on-failure' },
    },
    {
      name: 'ui-phone',
      testDir: 'e2e/ui',
      testMatch: '**/*.spec.ts',
      // Pixel 5: 393 px wide, touch, a phone's user agent; still Chromium.
      use: { ...devices['Pixel 5'], launchOptions: chromium, trace: 'retain-on-failure' },
    },
  ],
  use: { ...devices['Desktop Chrome'] },
});
