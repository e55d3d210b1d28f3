import { ensureAdmin } from '@/lib/auth/users';
import { verifyPasswordOfNobody } from '@/lib/auth/password';
import { getAuthSecret } from '@/lib/auth/secret';
import { migrateDatabase } from '@/lib/db/migrate';
import { type Env, getEnv } from '@/lib/env';
import { registerInstance } from '@/lib/instances/register-instance';
import { getUploadStore } from '@/lib/upload-store/store';
import { log } from '@/lib/log/logger';

/**
 * Everything that must be true before the app serves: valid settings, a migrated
 * catalog, this instance registered (or refused), an auth secret, the configured admin,
 * the upload folder. Returns the settings and a function that unregisters the instance.
 */
export async function prepareApp(): Promise<{ env: Env; unregister: () => Promise<void> }> {
  const env = getEnv();
  const applied = await migrateDatabase(env.databaseUrl);
  if (applied.length > 0) log.info({ migrations: applied }, `Applied database migrations: ${applied.join(', ')}`);
  const unregister = await registerInstance();
  getAuthSecret();
  getUploadStore();
  if (env.admin) await ensureAdmin(env.admin);
  // Sign-in with an unknown email checks against this hash: make it now, not during the first such sign-in.
  await verifyPasswordOfNobody('');
  return { env, unregister };
}
