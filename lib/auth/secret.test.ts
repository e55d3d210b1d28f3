import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** The generated auth secret (data/auth-secret): created once, atomically, private. */

const ROOT = path.resolve(import.meta.dirname, '../..');

function createInChild(file: string): Promise<string> {
  const script = `import { createSecretFile, readSecretFile } from './lib/auth/secret.ts'; createSecretFile(process.argv[1]); console.log(readSecretFile(process.argv[1]));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(err))));
  });
}

test('eight processes starting at once on an empty data folder all read the same secret, never an empty or partial one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-secret-'));
  try {
    const file = path.join(dir, 'auth-secret');
    const secrets = await Promise.all(Array.from({ length: 8 }, () => createInChild(file)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(fs.readdirSync(dir)).toEqual(['auth-secret']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
