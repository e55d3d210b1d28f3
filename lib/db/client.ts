import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { getEnv } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { processSingleton } from '@/lib/process-singleton';
import { sqliteFilePath } from './provider';

export type Db = PrismaClient;

function createClient(): PrismaClient {
  const file = sqliteFilePath(getEnv().databaseUrl);
  // `timeout`: wait for a writer in another process (or the migration) instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

/** The catalog's client: one per process, created on first use. */
export function getDb(): PrismaClient {
  return processSingleton('db', createClient);
}
