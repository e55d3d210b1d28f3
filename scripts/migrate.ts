/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL (the app also does this on start). */
// Settings from .env first, as the app reads them.
import '@/lib/settings/env-files-first';
import { migrateDatabase } from '@/lib/db/migrate';
import { ConfigError, getEnv } from '@/lib/env';

try {
  const applied = await migrateDatabase(getEnv().databaseUrl);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
