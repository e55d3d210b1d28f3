import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('a .env file (settings, secrets) is never committed: git ignores it', () => {
  // `git check-ignore` prints the path and exits 0 when it is ignored (1 when it is not).
  expect(execFileSync('git', ['check-ignore', '.env'], { cwd: ROOT }).toString().trim()).toBe('.env');
});
