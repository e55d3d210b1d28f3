import path from 'node:path';

/** Which database engine a DATABASE_URL names: SQLite (`file:`, the embedded default) or PostgreSQL. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL (got "${redactUrl(databaseUrl)}")`);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

export function sqliteFilePath(databaseUrl: string): string {
  const file = databaseUrl.slice('file:'.length).replace(/\?.*$/, '');
  return path.resolve(/*turbopackIgnore: true*/ file);
}

/** A PostgreSQL URL and the schema it names with Prisma's `?schema=` parameter (which pg itself does not know). */
export function postgresConnection(databaseUrl: string): { connectionString: string; schema: string | undefined } {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return { connectionString: url.toString(), schema };
}
