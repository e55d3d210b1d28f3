import { defineConfig, devices } from '@playwright/test';

/**
 * One runner for every test: `unit` (lib/**\/*.test.ts, no server), `api` (the running app
 * over real HTTP: each worker starts its own server on its own data folder).
 */
export default defineConfig({
  workers: 2,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  projects: [
    { name: 'unit', testDir: 'lib', testMatch: '**/*.test.ts' },
    { name: 'api', testDir: 'e2e/api', testMatch: '**/*.spec.ts' },
  ],
  use: { ...devices['Desktop Chrome'] },
});
