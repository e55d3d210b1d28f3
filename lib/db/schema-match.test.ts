import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { createTestDatabase } from '../../e2e/fixtures/databases';
import { migrateDatabase, readMigrations } from './migrate';

/** The committed SQL migrations must build exactly what prisma/schema.prisma describes, on both providers. */

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

const models = readSchemaModels(fs.readFileSync('prisma/schema.prisma', 'utf8'));

function expectMatchesSchema(tables: Map<string, string[]>) {
  expect(models.size).toBeGreaterThan(0);
  expect([...tables.keys()].sort()).toEqual([...models.values()].map((m) => m.table).sort());
  for (const [name, model] of models) {
    expect([...(tables.get(model.table) ?? [])].sort(), `columns of ${name}`).toEqual([...model.columns].sort());
  }
}

test.describe('database migrations', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-schema-'));
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('SQLite: a table for every model and a column for every field, and nothing else', async () => {
    const file = path.join(dir, 'test.db');
    await migrateDatabase(`file:${file}`);
    const db = new Database(file, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'").all() as { name: string }[];
    const tables = new Map(names.map(({ name }) => [name, (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name)]));
    db.close();
    expectMatchesSchema(tables);
  });

  test('PostgreSQL: a table for every model and a column for every field, and nothing else', async () => {
    const database = await createTestDatabase('postgresql');
    try {
      expect(await migrateDatabase(database.url!)).toEqual(readMigrations('postgresql').map((m) => m.name));
      expect(await migrateDatabase(database.url!)).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_prisma_migrations'",
      );
      await client.end();
      const tables = new Map<string, string[]>();
      for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
      expectMatchesSchema(tables);
    } finally {
      await database.drop();
    }
  });

  test("migrations are recorded in Prisma's _prisma_migrations format and applied once", async () => {
    const url = `file:${path.join(dir, 'twice.db')}`;
    const migrations = readMigrations('sqlite');
    expect(await migrateDatabase(url)).toEqual(migrations.map((m) => m.name));
    expect(await migrateDatabase(url)).toEqual([]);
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
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test('the PostgreSQL schema is the SQLite schema with another provider, and each migrations folder names its provider', async () => {
    // @ts-expect-error a plain .mjs script without types
    const { postgresqlSchema } = (await import('../../scripts/sync-postgresql-schema.mjs')) as { postgresqlSchema: (s: string) => string };
    expect(fs.readFileSync('prisma/postgresql/schema.prisma', 'utf8')).toBe(postgresqlSchema(fs.readFileSync('prisma/schema.prisma', 'utf8')));
    expect(fs.readFileSync('prisma/migrations/migration_lock.toml', 'utf8')).toMatch(/provider = "sqlite"/);
    expect(fs.readFileSync('prisma/postgresql/migrations/migration_lock.toml', 'utf8')).toMatch(/provider = "postgresql"/);
  });
});
