import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { createTestDatabase } from '../../e2e/fixtures/databases';
import { migrateDatabase, readMigrations } from './migrate';

/**
 * The committed SQL migrations must build exactly what prisma/schema.prisma describes, on both
 * providers: its tables, their columns, and their indexes and unique constraints.
 */

type Index = { name: string; unique: boolean; columns: string[] };
type Model = { table: string; columns: Set<string>; indexes: Index[] };

/** `[a, b(sort: Desc)]` → ['a', 'b'] */
function fieldList(list: string): string[] {
  return list.split(',').map((item) => item.trim().replace(/\(.*\)$/, '')).filter(Boolean);
}

/**
 * Models, their scalar columns and their indexes from schema.prisma (@map and @@map honoured,
 * relation fields skipped). Index names follow Prisma's defaults (`Table_a_b_idx`, `Table_a_key`)
 * unless a `map:` names them.
 */
function readSchemaModels(schema: string): Map<string, Model> {
  const names = new Set([...schema.matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const enums = new Set([...schema.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  const models = new Map<string, Model>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const [, name, body] = match as unknown as [string, string, string];
    const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? name;
    const columns = new Set<string>();
    const columnOf = new Map<string, string>();
    const uniqueFields: string[] = [];
    for (const line of body.split('\n')) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
      const [, fieldName, type, isList, , rest] = field as unknown as [string, string, string, string | undefined, string, string];
      if (names.has(type) || (isList && !enums.has(type))) continue; // relation fields have no column
      const column = /@map\("([^"]+)"\)/.exec(rest)?.[1] ?? fieldName;
      columns.add(column);
      columnOf.set(fieldName, column);
      if (/@unique\b/.test(rest)) uniqueFields.push(fieldName);
    }
    const index = (fields: string[], unique: boolean, mapped: string | undefined): Index => {
      const cols = fields.map((f) => columnOf.get(f) ?? f);
      return { name: mapped ?? `${table}_${cols.join('_')}_${unique ? 'key' : 'idx'}`, unique, columns: cols };
    };
    const indexes = uniqueFields.map((f) => index([f], true, undefined));
    for (const [, kind, list, args] of body.matchAll(/^\s*@@(index|unique)\(\s*\[([^\]]*)\](.*)\)\s*$/gm) as unknown as [string, string, string, string][]) {
      indexes.push(index(fieldList(list), kind === 'unique', /map:\s*"([^"]+)"/.exec(args)?.[1]));
    }
    models.set(name, { table, columns, indexes });
  }
  return models;
}

const models = readSchemaModels(fs.readFileSync('prisma/schema.prisma', 'utf8'));

type Built = { columns: Map<string, string[]>; indexes: Map<string, Index[]> };

function sortIndexes(indexes: Index[]): Index[] {
  return [...indexes].sort((a, b) => a.name.localeCompare(b.name));
}

function expectMatchesSchema({ columns, indexes }: Built) {
  expect(models.size).toBeGreaterThan(0);
  expect([...columns.keys()].sort()).toEqual([...models.values()].map((m) => m.table).sort());
  for (const [name, model] of models) {
    expect([...(columns.get(model.table) ?? [])].sort(), `columns of ${name}`).toEqual([...model.columns].sort());
    expect(sortIndexes(indexes.get(model.table) ?? []), `indexes of ${name}`).toEqual(sortIndexes(model.indexes));
  }
}

function groupByTable<T>(rows: { table: string; value: T }[]): Map<string, T[]> {
  const byTable = new Map<string, T[]>();
  for (const { table, value } of rows) byTable.set(table, [...(byTable.get(table) ?? []), value]);
  return byTable;
}

test.describe('database migrations', () => {
  let dir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-schema-'));
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('SQLite: a table for every model, a column for every field and an index for every @@index and unique, and nothing else', async () => {
    const file = path.join(dir, 'test.db');
    await migrateDatabase(`file:${file}`);
    const db = new Database(file, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations'").all() as { name: string }[];
    const columns = new Map(names.map(({ name }) => [name, (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name)]));
    // origin 'pk' is the primary key (Prisma names no index for it); 'c' and 'u' are CREATE INDEX and UNIQUE.
    const indexes = groupByTable(
      names.flatMap(({ name: table }) =>
        (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number; origin: string }[])
          .filter((ix) => ix.origin !== 'pk')
          .map((ix) => ({
            table,
            value: {
              name: ix.name,
              unique: ix.unique === 1,
              columns: (db.prepare(`PRAGMA index_info("${ix.name}")`).all() as { seqno: number; name: string }[]).sort((a, b) => a.seqno - b.seqno).map((c) => c.name),
            },
          })),
      ),
    );
    db.close();
    expectMatchesSchema({ columns, indexes });
  });

  test('PostgreSQL: a table for every model, a column for every field and an index for every @@index and unique, and nothing else', async () => {
    const database = await createTestDatabase('postgresql');
    try {
      expect(await migrateDatabase(database.url!)).toEqual(readMigrations('postgresql').map((m) => m.name));
      expect(await migrateDatabase(database.url!)).toEqual([]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query<{ table_name: string; column_name: string }>(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name != '_prisma_migrations'",
      );
      // Every index but the primary keys, with its columns in key order.
      const { rows: indexRows } = await client.query<{ table: string; name: string; unique: boolean; columns: string[] }>(
        `SELECT t.relname AS "table", i.relname AS name, ix.indisunique AS "unique",
                array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
           FROM pg_index ix
           JOIN pg_class t ON t.oid = ix.indrelid
           JOIN pg_class i ON i.oid = ix.indexrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = 'public' AND t.relname != '_prisma_migrations' AND NOT ix.indisprimary`,
      );
      await client.end();
      expectMatchesSchema({
        columns: groupByTable(rows.map((row) => ({ table: row.table_name, value: row.column_name }))),
        indexes: groupByTable(indexRows.map(({ table, ...value }) => ({ table, value }))),
      });
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
