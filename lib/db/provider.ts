import path from 'node:path';

/** Which database engine a DATABASE_URL names. PostgreSQL comes with the scale-out mode. */
export type DatabaseProvider = 'sqlite';

export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL (got "${databaseUrl.replace(/\/\/[^@]*@/, '//…@')}")`);
  }
  const file = databaseUrl.slice('file:'.length).replace(/\?.*$/, '');
  return path.resolve(/*turbopackIgnore: true*/ file);
}
