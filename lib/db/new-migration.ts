import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { diffDatabaseToSchema, type SchemaFile } from './diff-database-to-schema';
import { migrateDatabase } from './migrate';
import { type DatabaseProvider, redactUrl } from './provider';

/**
 * `npm run db:new-migration -- NAME`: one new migration folder per provider, holding the SQL that
 * takes what the committed migrations build to what the schema says now. Each provider's
 * migrations are applied with the app's own runner to a scratch database (a temporary SQLite
 * file; a PostgreSQL database created and dropped on `postgresAdminUrl`), and Prisma's schema
 * engine compares that database with the schema.
 */

/** A mistake the developer can fix (bad name, no PostgreSQL server): one line, no stack. */
export class NewMigrationError extends Error {}

export type NewMigrationOptions = {
  name: string;
  /** The schema for each provider (prisma/schema.prisma and its generated PostgreSQL twin). */
  schemas: Record<DatabaseProvider, SchemaFile>;
  migrationsDirs: Record<DatabaseProvider, string>;
  /** A PostgreSQL server where a scratch database may be created and dropped. */
  postgresAdminUrl: string;
  now?: Date;
};

/** The migration.sql files written (none when the schema has not changed). */
export type NewMigrationResult = { name: string; files: string[] };

const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgresql'];

function migrationTimestamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14); // 2026-12-03T15:04:05.000Z → 20261203150405
}

/** Now as Prisma writes it (UTC, to the second), and later than every folder there is, so the runner applies it last. */
function nextTimestamp(now: Date, dirs: string[]): string {
  const latest = dirs
    .flatMap((dir) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []))
    .map((entry) => /^(\d{14})_/.exec(entry)?.[1])
    .filter((stamp): stamp is string => stamp !== undefined)
    .sort()
    .at(-1);
  const stamp = migrationTimestamp(now);
  if (!latest || stamp > latest) return stamp;
  const latestDate = new Date(latest.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3T$4:$5:$6Z'));
  return migrationTimestamp(new Date(latestDate.getTime() + 1000));
}

async function diffSqlite(migrationsDir: string, schema: SchemaFile): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-new-migration-'));
  try {
    const url = `file:${path.join(dir, 'scratch.db')}`;
    await migrateDatabase(url, migrationsDir);
    return await diffDatabaseToSchema(new PrismaBetterSqlite3({ url }), schema);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A pool whose results call PostgreSQL's one-byte "char" type (OID 18, the catalog's relkind,
 * contype…) text. @prisma/adapter-pg 7.10 has no column type for it and refuses the schema
 * engine's catalog queries ("Column type 'char' could not be deserialized"); its sibling
 * "name" was added the same way in prisma/orm#28470. The values already arrive as strings.
 */
function poolReadingCharAsText(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<pg.QueryResult>;
  Object.assign(pool, {
    query: async (...args: unknown[]) => {
      const result = await query(...args);
      for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    },
  });
  return pool;
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new NewMigrationError(
      `PostgreSQL at ${redactUrl(adminUrl)} could not be reached (${(error as Error).message}): the PostgreSQL migration is made on a scratch database there; set SCRATCH_POSTGRES_URL to a server where one may be created`,
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function diffPostgres(migrationsDir: string, schema: SchemaFile, adminUrl: string): Promise<string> {
  const name = `upstream_scratch_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await migrateDatabase(url.toString(), migrationsDir);
    const pool = poolReadingCharAsText(url.toString());
    try {
      return await diffDatabaseToSchema(new PrismaPg(pool), schema);
    } finally {
      await pool.end();
    }
  } finally {
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/** Writes `<timestamp>_<name>/migration.sql` into each provider's migrations folder whose schema changed. */
export async function createMigration(options: NewMigrationOptions): Promise<NewMigrationResult> {
  const { name, schemas, migrationsDirs, postgresAdminUrl, now = new Date() } = options;
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new NewMigrationError(`A migration name is letters, digits and _ (got "${name}"): npm run db:new-migration -- add_video_notes`);
  }
  const sql: Record<DatabaseProvider, string> = {
    sqlite: await diffSqlite(migrationsDirs.sqlite, schemas.sqlite),
    postgresql: await diffPostgres(migrationsDirs.postgresql, schemas.postgresql, postgresAdminUrl),
  };
  const folder = `${nextTimestamp(now, Object.values(migrationsDirs))}_${name}`;
  const files: string[] = [];
  for (const provider of PROVIDERS) {
    if (!sql[provider]) continue;
    const file = path.join(migrationsDirs[provider], folder, 'migration.sql');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, sql[provider]);
    files.push(file);
  }
  return { name: folder, files };
}
