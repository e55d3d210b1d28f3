import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getEnv } from '@/lib/env';

let cached: string | undefined;

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
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  cached = fs.readFileSync(file, 'utf8').trim();
  return cached;
}
