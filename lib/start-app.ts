import { ensureAdmin } from '@/lib/auth/users';
import { getAuthSecret } from '@/lib/auth/secret';
import { migrateDatabase } from '@/lib/db/migrate';
import { type Env, getEnv } from '@/lib/env';
import { getUploadStore } from '@/lib/tus/store';

/**
 * Everything that must be true before the app serves: valid settings, a migrated
 * catalog, an auth secret, the configured admin, the upload folder.
 */
export async function prepareApp(): Promise<Env> {
  const env = getEnv();
  const applied = migrateDatabase(env.databaseUrl);
  if (applied.length > 0) console.log(`Applied database migrations: ${applied.join(', ')}`);
  getAuthSecret();
  getUploadStore();
  if (env.admin) await ensureAdmin(env.admin);
  return env;
}
