import { defineConfig, devices } from '@playwright/test';
import type { Provider } from './e2e/fixtures/databases';

/**
 * One runner for every test: `unit` (lib/**\/*.test.ts, no server), `api` (the running app
 * over real HTTP: each worker starts its own server on its own data folder).
 */
export default defineConfig<{ provider: Provider }>({
  workers: 2,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: true,
  projects: [
    { name: 'unit', testDir: 'lib', testMatch: '**/*.test.ts' },
    { name: 'api', testDir: 'e2e/api', testMatch: '**/*.spec.ts' },
    // The same suite against PostgreSQL (127.0.0.1:5432; each worker makes and drops its own database).
    { name: 'api-postgres', testDir: 'e2e/api', testMatch: '**/*.spec.ts', use: { provider: 'postgresql' } },
  ],
  use: { ...devices['Desktop Chrome'] },
});
