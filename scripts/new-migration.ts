/**
 * `npm run db:new-migration -- NAME [--prisma-dir DIR]`: after an edit of prisma/schema.prisma,
 * syncs prisma/postgresql/schema.prisma and writes the SQL of the change for both providers
 * (prisma/migrations/<timestamp>_NAME and prisma/postgresql/migrations/<timestamp>_NAME).
 * --prisma-dir points at another folder of the same layout (the tests use a copy).
 * SCRATCH_POSTGRES_URL: where a scratch PostgreSQL database may be created and dropped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SchemaEngineMissingError } from '@/lib/db/diff-database-to-schema';
import { createMigration, NewMigrationError } from '@/lib/db/new-migration';
// @ts-expect-error a plain .mjs script without types
import { postgresqlSchema } from './sync-postgresql-schema.mjs';

const USAGE = 'Usage: npm run db:new-migration -- NAME [--prisma-dir prisma]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readArgs() {
  try {
    return parseArgs({ options: { 'prisma-dir': { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    return fail(`${(error as Error).message}. ${USAGE}`);
  }
}

const args = readArgs();
const [name, ...extra] = args.positionals;
if (!name || extra.length) fail(USAGE);

const prismaDir = path.resolve(args.values['prisma-dir'] ?? 'prisma');
const sqlitePath = path.join(prismaDir, 'schema.prisma');
const postgresqlPath = path.join(prismaDir, 'postgresql', 'schema.prisma');
if (!fs.existsSync(sqlitePath)) fail(`No schema at ${sqlitePath}. ${USAGE}`);

const sqliteContent = fs.readFileSync(sqlitePath, 'utf8');
const postgresqlContent = (postgresqlSchema as (schema: string) => string)(sqliteContent);
fs.writeFileSync(postgresqlPath, postgresqlContent);

try {
  const { files } = await createMigration({
    name,
    schemas: { sqlite: { path: sqlitePath, content: sqliteContent }, postgresql: { path: postgresqlPath, content: postgresqlContent } },
    migrationsDirs: { sqlite: path.join(prismaDir, 'migrations'), postgresql: path.join(prismaDir, 'postgresql', 'migrations') },
    postgresAdminUrl: process.env.SCRATCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
  });
  if (!files.length) {
    console.log('No schema changes: nothing written');
  } else {
    for (const file of files) console.log(`Wrote ${path.relative(process.cwd(), file)}`);
    console.log('Read them, run npm run db:generate for the client, and commit them with the schema.');
  }
} catch (error) {
  // Known failures are one line; the engine's own errors (a schema that does not validate) keep their text, never a stack.
  fail(error instanceof NewMigrationError || error instanceof SchemaEngineMissingError ? error.message : `db:new-migration failed: ${(error as Error).message ?? error}`);
}
