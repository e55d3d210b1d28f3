import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteFilePath } from './provider';

/**
 * Applies the committed SQL migrations in prisma/migrations, recording each in Prisma's
 * own `_prisma_migrations` table (same columns, sha256 checksum of migration.sql), so
 * `prisma migrate deploy` accepts the history wherever Prisma's engine is available.
 * Needs no network: Prisma's CLI downloads an engine that offline servers cannot fetch.
 */

export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
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

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type HistoryRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** Brings the database up to date; safe to run from several processes at once. Returns what it applied. */
export function migrateDatabase(databaseUrl: string, migrations = readMigrations()): string[] {
  const file = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 30_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(CREATE_HISTORY);
    // IMMEDIATE takes the write lock first: a second process starting at the same
    // moment waits here, then finds the migrations applied.
    const apply = db.transaction(() => {
      const history = db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"').all() as HistoryRow[];
      const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed) {
        throw new Error(`Migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back.`);
      }
      const done = new Set(history.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        const startedAt = Date.now();
        db.exec(migration.sql);
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
        ).run(randomUUID(), migration.checksum, Date.now(), migration.name, startedAt);
        applied.push(migration.name);
      }
      return applied;
    });
    return apply.immediate();
  } finally {
    db.close();
  }
}
