import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { migrateDatabase, readMigrations } from './migrate';

/** The committed SQL migrations must build exactly what prisma/schema.prisma describes. */

type Model = { table: string; columns: Set<string> };

/** Models and their scalar columns from schema.prisma (@map and @@map honoured, relation fields skipped). */
function readSchemaModels(schema: string): Map<string, Model> {
  const names = new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const enums = new Set([...schema.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const models = new Map<string, Model>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match as unknown as [string, string, string];
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    const columns = new Set<string>();
    for (const line of body.split('\n')) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
      const [, fieldName, type, isList, , rest] = field as unknown as [string, string, string, string | undefined, string, string];
      if (names.has(type) || (isList && !enums.has(type))) continue; // relation fields have no column
      columns.add(/@map\("([^"]+)"\)/.exec(rest)?.[1] ?? fieldName);
    }
    models.set(name, { table, columns });
  }
  return models;
}

test.describe('database migrations', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-schema-'));
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the migrated database has a table for every model and a column for every field, and nothing else', () => {
    const file = path.join(dir, 'test.db');
    migrateDatabase(`file:${file}`);
    const db = new Database(file, { readonly: true });
    const models = readSchemaModels(fs.readFileSync('prisma/schema.prisma', 'utf8'));
    expect(models.size).toBeGreaterThan(0);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'").all() as { name: string }[]).map((r) => r.name);
    expect(tables.sort()).toEqual([...models.values()].map((m) => m.table).sort());
    for (const [name, model] of models) {
      const columns = (db.prepare(`PRAGMA table_info("${model.table}")`).all() as { name: string }[]).map((c) => c.name);
      expect(columns.sort(), `columns of ${name}`).toEqual([...model.columns].sort());
    }
    db.close();
  });

  test('migrations are recorded in Prisma\'s _prisma_migrations format and applied once', () => {
    const url = `file:${path.join(dir, 'twice.db')}`;
    const migrations = readMigrations();
    expect(migrateDatabase(url)).toEqual(migrations.map((m) => m.name));
    expect(migrateDatabase(url)).toEqual([]);
    const db = new Database(path.join(dir, 'twice.db'), { readonly: true });
    const rows = db.prepare('SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name').all() as {
      migration_name: string;
      checksum: string;
      finished_at: number | null;
      applied_steps_count: number;
    }[];
    db.close();
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test('every migration folder has its migration.sql and the lock file names the provider', () => {
    const lock = fs.readFileSync('prisma/migrations/migration_lock.toml', 'utf8');
    expect(lock).toMatch(/provider = "sqlite"/);
    for (const entry of fs.readdirSync('prisma/migrations', { withFileTypes: true }).filter((e) => e.isDirectory())) {
      expect(fs.existsSync(path.join('prisma/migrations', entry.name, 'migration.sql')), entry.name).toBe(true);
    }
  });
});
