/**
 * `npm run api-token -- create --name NAME`: prints a new API token once, alone on its last line.
 * `npm run api-token -- revoke NAME`, `npm run api-token -- list`.
 */
// Settings from .env first, as the app reads them.
import '@/lib/settings/env-files-first';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/auth/api-tokens';
import { getDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { ConfigError, getEnv } from '@/lib/env';

const USAGE = `Usage:
  npm run api-token -- create --name NAME
  npm run api-token -- revoke NAME
  npm run api-token -- list`;

const NAME = /^[A-Za-z0-9._ -]{1,64}$/;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readName(args: string[]): string {
  const index = args.indexOf('--name');
  const name = index >= 0 ? args[index + 1] : args.find((arg) => !arg.startsWith('--'));
  if (!name) fail(`A token needs a name.\n${USAGE}`);
  if (!NAME.test(name)) fail('A token name may hold letters, digits, spaces, ".", "_" and "-" (at most 64).');
  return name;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  await migrateDatabase(getEnv().databaseUrl);
  switch (command) {
    case 'create': {
      const name = readName(args);
      if (await getDb().apiToken.findUnique({ where: { name } })) fail(`A token named "${name}" exists already. Revoke it first or pick another name.`);
      const token = await createApiToken(name);
      console.log(`Created API token "${name}". It is shown only this once; store it now:`);
      console.log(token);
      return;
    }
    case 'revoke': {
      const name = readName(args);
      if (!(await revokeApiToken(name))) fail(`No token named "${name}".`);
      console.log(`Revoked API token "${name}".`);
      return;
    }
    case 'list': {
      const tokens = await listApiTokens();
      if (tokens.length === 0) console.log('No API tokens.');
      for (const t of tokens) console.log(`${t.name}\tcreated ${t.createdAt.toISOString()}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}`);
      return;
    }
    default:
      fail(USAGE);
  }
}

main()
  .catch((error: unknown) => fail(error instanceof ConfigError ? error.message : String(error)))
  .finally(() => getDb().$disconnect());
