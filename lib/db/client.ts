import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { getEnv } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/generated/prisma-postgresql/client';
import { processSingleton } from '@/lib/process-singleton';
import { databaseProvider, postgresConnection, sqliteFilePath } from './provider';

/**
 * The catalog's client, one per process, for the provider DATABASE_URL names. Both clients
 * are generated from the same models (prisma/schema.prisma and its PostgreSQL twin), so
 * they have the same API: callers never know which one they hold.
 */
export type Db = PrismaClient;

function createClient(): PrismaClient {
  const url = getEnv().databaseUrl;
  if (databaseProvider(url) === 'postgresql') {
    const { connectionString, schema } = postgresConnection(url);
    const adapter = new PrismaPg({ connectionString, max: 10 }, { schema });
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  // `timeout`: wait for a writer in another process (or the migration) instead of failing.
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 10_000 }) });
}

export function getDb(): PrismaClient {
  return processSingleton('db', createClient);
}

export function getDbProvider() {
  return databaseProvider(getEnv().databaseUrl);
}
