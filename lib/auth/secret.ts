import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, getEnv } from '@/lib/env';

let cached: string | undefined;

export const MIN_SECRET_LENGTH = 32;

/**
 * Creates `file` with a new random secret unless it exists, atomically: the secret is written
 * whole (mode 0600) to a file of this process's own, then hard-linked into place, which fails
 * if another process got there first. Nobody ever reads a half-written or empty secret, and
 * two instances starting at once end up with the same one.
 */
export function createSecretFile(file: string): void {
  if (fs.existsSync(file)) return;
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  try {
    fs.linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** The secret in `file`, refused when too short (an empty or truncated file would sign forgeable sessions). */
export function readSecretFile(file: string): string {
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `The auth secret in ${file} is ${secret.length === 0 ? 'empty' : `only ${secret.length} characters long`}; it must be at least ${MIN_SECRET_LENGTH}. ` +
        'Delete the file to have a new one generated (everyone will have to sign in again), or set AUTH_SECRET.',
    );
  }
  // Only this user may read it, whoever made the file.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  return secret;
}

/**
 * AUTH_SECRET signs session cookies and (through a derived key) upload URLs. When the
 * setting is absent, a random one is generated once into the data folder and kept there,
 * so sessions and upload URLs survive restarts.
 */
export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getEnv();
  if (env.authSecret) return (cached = env.authSecret);
  const file = path.join(/*turbopackIgnore: true*/ env.dataDir, 'auth-secret');
  fs.mkdirSync(env.dataDir, { recursive: true });
  createSecretFile(file);
  cached = readSecretFile(file);
  return cached;
}
