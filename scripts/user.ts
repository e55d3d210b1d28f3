/**
 * `npm run user -- promote EMAIL`: makes an existing account an admin, deliberately (ADMIN_EMAIL
 * never promotes an existing account on its own). `demote EMAIL` makes it an ordinary user
 * again, `sign-out EMAIL` ends its sessions on every device. Each ends the account's sessions.
 */
import { endAllSessions, findUserByEmail, setUserRole } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { migrateDatabase } from '@/lib/db/migrate';
import { ConfigError, getEnv } from '@/lib/env';

const USAGE = `Usage:
  npm run user -- promote EMAIL
  npm run user -- demote EMAIL
  npm run user -- sign-out EMAIL`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  const [command, email] = process.argv.slice(2);
  if (!command || !email) fail(USAGE);
  await migrateDatabase(getEnv().databaseUrl);
  const user = await findUserByEmail(email);
  if (!user) fail(`No account with the email ${email}.`);
  switch (command) {
    case 'promote':
      await setUserRole(user.email, 'admin');
      console.log(`${user.email} is now an admin. Their existing sessions ended: they sign in again.`);
      return;
    case 'demote':
      await setUserRole(user.email, 'user');
      console.log(`${user.email} is now an ordinary user. Their existing sessions ended.`);
      return;
    case 'sign-out':
      await endAllSessions(user.id);
      console.log(`Ended every session of ${user.email}.`);
      return;
    default:
      fail(USAGE);
  }
}

main()
  .catch((error: unknown) => fail(error instanceof ConfigError ? error.message : String(error)))
  .finally(() => getDb().$disconnect());
