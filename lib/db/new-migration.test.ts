import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from '@playwright/test';
import { createTestDatabase } from '../../e2e/fixtures/databases';
import { migrateDatabase } from './migrate';

/**
 * `npm run db:new-migration` on a copy of prisma/. Needs PostgreSQL on 127.0.0.1:5432 (or
 * TEST_POSTGRES_URL): the script makes its scratch database there.
 */

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

function newMigration(prismaDir: string, name: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-migration.ts', name, '--prisma-dir', prismaDir], {
    encoding: 'utf8',
    env: { ...process.env, SCRATCH_POSTGRES_URL: ADMIN_URL },
  });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

function folders(dir: string): string[] {
  return fs.readdirSync(dir).filter((entry) => fs.statSync(path.join(dir, entry)).isDirectory()).sort();
}

test.describe('db:new-migration', () => {
  let dir: string;
  let prismaDir: string;
  test.beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-new-migration-test-'));
    prismaDir = path.join(dir, 'prisma');
    fs.cpSync('prisma', prismaDir, { recursive: true });
  });
  test.afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an unchanged schema writes nothing and says so', async () => {
    const before = [folders(path.join(prismaDir, 'migrations')), folders(path.join(prismaDir, 'postgresql/migrations'))];
    expect(newMigration(prismaDir, 'nothing')).toEqual({ status: 0, stdout: 'No schema changes: nothing written', stderr: '' });
    expect([folders(path.join(prismaDir, 'migrations')), folders(path.join(prismaDir, 'postgresql/migrations'))]).toEqual(before);
  });

  test('a new column and index: one folder per provider, applied after the committed ones, and the rows that point at the rebuilt table stay', async () => {
    const schemaPath = path.join(prismaDir, 'schema.prisma');
    const schema = fs.readFileSync(schemaPath, 'utf8');
    const changed = schema.replace(/^(model Video \{\n)/m, '$1  note String @default("")\n\n  @@index([note])\n');
    expect(changed).not.toBe(schema);
    fs.writeFileSync(schemaPath, changed);

    const run = newMigration(prismaDir, 'video_note');
    expect(run.status, run.stderr).toBe(0);
    const sqliteFolders = folders(path.join(prismaDir, 'migrations'));
    const postgresFolders = folders(path.join(prismaDir, 'postgresql/migrations'));
    const folder = sqliteFolders.at(-1)!;
    expect(folder).toMatch(/^\d{14}_video_note$/);
    expect(postgresFolders.at(-1)).toBe(folder);
    expect(folder > folders('prisma/migrations').at(-1)! && folder > folders('prisma/postgresql/migrations').at(-1)!).toBe(true);
    expect(run.stdout).toContain(`Wrote ${path.relative(process.cwd(), path.join(prismaDir, 'migrations', folder, 'migration.sql'))}`);
    expect(run.stdout).toContain(`Wrote ${path.relative(process.cwd(), path.join(prismaDir, 'postgresql/migrations', folder, 'migration.sql'))}`);
    // The PostgreSQL schema was synced from the edited one.
    expect(fs.readFileSync(path.join(prismaDir, 'postgresql/schema.prisma'), 'utf8')).toContain('note String @default("")');
    expect(fs.readFileSync(path.join(prismaDir, 'postgresql/migrations', folder, 'migration.sql'), 'utf8')).toMatch(/ADD COLUMN\s+"note" TEXT NOT NULL DEFAULT ''/);

    // SQLite: a catalog made by the committed migrations, with a webhook delivery pointing at a video,
    // takes the new migration (Prisma rebuilds the Video table) and keeps the delivery's link.
    const file = path.join(dir, 'app.db');
    await migrateDatabase(`file:${file}`);
    const before = new Database(file);
    before.exec(`INSERT INTO "Video" (uid, size, maxDurationSeconds, uploadExpiry, modified) VALUES ('v1', 1, 60, 0, 0);
      INSERT INTO "WebhookDelivery" (id, videoUid, event, url, secret, payload, nextAttemptAt, modified) VALUES ('d1', 'v1', 'ready', 'https://example.com', 's', '{}', 0, 0);`);
    before.close();
    expect(await migrateDatabase(`file:${file}`, path.join(prismaDir, 'migrations'))).toEqual([folder]);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT uid, note FROM "Video"').all()).toEqual([{ uid: 'v1', note: '' }]);
    expect(after.prepare('SELECT id, videoUid FROM "WebhookDelivery"').all()).toEqual([{ id: 'd1', videoUid: 'v1' }]);
    expect(after.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'Video_note_idx'`).all()).toHaveLength(1);
    after.close();

    // PostgreSQL: the new folder applies after the committed ones.
    const database = await createTestDatabase('postgresql');
    try {
      await migrateDatabase(database.url!);
      expect(await migrateDatabase(database.url!, path.join(prismaDir, 'postgresql/migrations'))).toEqual([folder]);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'Video' AND column_name = 'note'");
      const { rows: indexes } = await client.query("SELECT indexname FROM pg_indexes WHERE indexname = 'Video_note_idx'");
      await client.end();
      expect(rows).toHaveLength(1);
      expect(indexes).toHaveLength(1);
    } finally {
      await database.drop();
    }

    // And with it, the migrations build the schema: nothing more to write.
    expect(newMigration(prismaDir, 'again')).toEqual({ status: 0, stdout: 'No schema changes: nothing written', stderr: '' });
  });

  test('a name that is not letters, digits and _ is refused in one line, before anything is written', async () => {
    const run = newMigration(prismaDir, 'video note');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('A migration name is letters, digits and _ (got "video note"): npm run db:new-migration -- add_video_notes');
    expect(folders(path.join(prismaDir, 'migrations'))).toEqual(folders('prisma/migrations'));
  });

  test("the WebAssembly schema engine is the build of the installed prisma's engines", () => {
    const version = (pkg: string) => (JSON.parse(fs.readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;
    expect(version('@prisma/schema-engine-wasm')).toBe(version('@prisma/engines-version'));
  });
});
