import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { INTEGRATION_TESTS, POSTGRESQL_TESTS } from './e2e/test-layers';

// Unit test files share their worker process, and with it lib/env's settings (read once). A
// temporary folder, so that nothing a module under test writes (the generated auth secret)
// lands in ./data.
process.env.DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-unit-'));

/**
 * `npm run test:unit`: the pure modules' `*.test.ts` beside them in lib/ and components/, in
 * seconds, with no app, no build, no ffmpeg, no database and no global setup. The few lib tests
 * that need one of those are listed in e2e/test-layers.ts and run in playwright.config.ts.
 */
export default defineConfig({
  workers: 2,
  timeout: 30_000,
  reporter: [['list']],
  forbidOnly: true,
  projects: [
    { name: 'lib', testDir: 'lib', testMatch: '**/*.test.ts', testIgnore: [...INTEGRATION_TESTS, ...POSTGRESQL_TESTS] },
    { name: 'components', testDir: 'components', testMatch: '**/*.test.ts' },
  ],
});
