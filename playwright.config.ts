import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import type { Provider } from './e2e/fixtures/databases';
import { INTEGRATION_TESTS, POSTGRESQL_TESTS } from './e2e/test-layers';

// The lib tests here share their worker process, and with it lib/env's settings (read once):
// the first file to read them fixes DATA_DIR for all. A temporary folder, so that no lib test
// writes into ./data (apps started by the API and UI tests are always given their own).
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-unit-'));

/**
 * The layers that drive the real app or need a service: `ui-desktop` and `ui-phone` (the pages
 * in Debian's Chromium), `api` and `api-postgres` (the running app over real HTTP, on SQLite and
 * on PostgreSQL: each worker starts its own server on its own data folder), and the lib tests
 * that need ffmpeg or a database (e2e/test-layers.ts). The pure unit tests have their own
 * config, playwright.unit.config.ts: no global setup, no services. package.json's `test:*`
 * scripts name the projects of each layer.
 */
export default defineConfig<{ provider: Provider }>({
  // Three on two cores: most tests wait (leases, throttles, retention windows, a browser), so a
  // third worker fills idle CPU; the suite then fits well inside CI's 30 minutes.
  workers: 3,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  // Test videos for the browser tests, made once with ffmpeg (e2e/global-setup.ts).
  globalSetup: './e2e/global-setup.ts',
  projects: [
    // The pages in Debian's Chromium, as a desktop and as a phone (Pixel 5: 393 px wide, touch).
    { name: 'ui-desktop', testDir: 'e2e/ui', testMatch: '**/*.spec.ts', use: { ...devices['Desktop Chrome'], launchOptions: debianChromium(), trace: 'retain-on-failure' } },
    // Sessions and passwords (account-safety), the stream playing (playback) and file hashing
    // (integrity) behave the same at any width: desktop only (they were ~2.5 min of the phone's run).
    // Every page's layout is still checked at phone width (a11y.spec.ts visits them all).
    { name: 'ui-phone', testDir: 'e2e/ui', testMatch: '**/*.spec.ts', testIgnore: ['**/account-safety.spec.ts', '**/playback.spec.ts', '**/integrity.spec.ts'], use: { ...devices['Pixel 5'], launchOptions: debianChromium(), trace: 'retain-on-failure' } },
    { name: 'api', testDir: 'e2e/api', testMatch: '**/*.spec.ts' },
    // lib tests that need ffmpeg, a SQLite catalog or many processes (no app): with the API layer.
    { name: 'integration', testDir: 'lib', testMatch: INTEGRATION_TESTS },
    // The same suite against PostgreSQL (127.0.0.1:5432; each worker makes and drops its own database).
    { name: 'api-postgres', testDir: 'e2e/api', testMatch: '**/*.spec.ts', use: { provider: 'postgresql' } },
    // The migrations checked against the schema, and db:new-migration, on both databases: with the PostgreSQL layer.
    { name: 'integration-postgres', testDir: 'lib', testMatch: POSTGRESQL_TESTS },
  ],
  use: { ...devices['Desktop Chrome'] },
});

/** Debian's chromium (apt), never a downloaded browser. */
function debianChromium() {
  return {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  };
}
