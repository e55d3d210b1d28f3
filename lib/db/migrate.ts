import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type DatabaseProvider, databaseProvider, postgresConnection, sqliteFilePath } from './provider';

/**
 * Applies the committed SQL migrations (prisma/migrations for SQLite, prisma/postgresql/
 * migrations for PostgreSQL), recording each in Prisma's own `_prisma_migrations` table
 * (same columns, sha256 checksum of migration.sql), so `prisma migrate deploy` accepts the
 * history wherever Prisma's engine is available. Needs no network: Prisma's CLI downloads
 * an engine that offline servers cannot fetch. Safe to run from several processes at once.
 */

export const MIGRATIONS_DIRS: Record<DatabaseProvider, string> = {
  sqlite: path.resolve('prisma/migrations'),
  postgresql: path.resolve('prisma/postgresql/migrations'),
};

export type Migration = { name: string; sql: string; checksum: string };

/** The migrations in a folder (the provider's committed one unless told), oldest first. */
export function readMigrations(provider: DatabaseProvider, dir = MIGRATIONS_DIRS[provider]): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

type HistoryRow = { migration_name: string; finished_at: unknown; rolled_back_at: unknown };

/** The migrations still to apply, given the history; refuses to go on past a failed one. */
function pending(history: HistoryRow[], migrations: Migration[]): Migration[] {
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new Error(`Migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back.`);
  }
  const done = new Set(history.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
  return migrations.filter((migration) => !done.has(migration.name));
}

const SQLITE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const POSTGRES_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

const HISTORY_QUERY = 'SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"';

function migrateSqlite(databaseUrl: string, migrations: Migration[]): string[] {
  const file = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma('journal_mode = WAL');
    // Prisma's SQLite migrations change a table by rebuilding it (create new_X, copy the rows,
    // drop X, rename) between PRAGMA foreign_keys=OFF and ON, but that pragma does nothing inside
    // a transaction: with foreign keys on, dropping X would run the ON DELETE actions (SET NULL,
    // CASCADE) on every row that points at it. So they are off for this connection while the
    // migrations run, and checked before the transaction commits.
    db.pragma('foreign_keys = OFF');
    db.exec(SQLITE_HISTORY);
    // IMMEDIATE takes the write lock first: a second process starting at the same
    // moment waits here, then finds the migrations applied.
    const apply = db.transaction(() => {
      const todo = pending(db.prepare(HISTORY_QUERY).all() as HistoryRow[], migrations);
      for (const migration of todo) {
        const startedAt = Date.now();
        db.exec(migration.sql);
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
      }
      const broken = todo.length ? (db.pragma('foreign_key_check') as { table: string; parent: string }[]) : [];
      if (broken.length) {
        throw new Error(`Migrations ${todo.map((m) => m.name).join(', ')} leave rows of ${broken[0]!.table} pointing at missing ${broken[0]!.parent} rows; nothing was applied.`);
      }
      return todo.map((migration) => migration.name);
    });
    return apply.immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string, migrations: Migration[]): Promise<string[]> {
  const { connectionString, schema } = postgresConnection(databaseUrl);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replace(/"/g, '""')}"`);
      await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    }
    // One migrator at a time, across every instance starting now.
    await client.query("SELECT pg_advisory_lock(hashtext('upstream:migrations'))");
    await client.query(POSTGRES_HISTORY);
    const todo = pending((await client.query<HistoryRow>(HISTORY_QUERY)).rows, migrations);
    for (const migration of todo) {
      await client.query('BEGIN');
      try {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)',
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`);
      }
    }
    return todo.map((migration) => migration.name);
  } finally {
    await client.end();
  }
}

/**
 * Brings the database up to date. Returns the names of the migrations it applied.
 * `migrationsDir` is for tools that build a scratch database from another folder (db:new-migration).
 */
export async function migrateDatabase(databaseUrl: string, migrationsDir?: string): Promise<string[]> {
  const provider = databaseProvider(databaseUrl);
  const migrations = readMigrations(provider, migrationsDir);
  return provider === 'sqlite' ? migrateSqlite(databaseUrl, migrations) : migratePostgres(databaseUrl, migrations);
}
