// prisma/postgresql/schema.prisma is prisma/schema.prisma for PostgreSQL: same models,
// another provider and client output. Run after editing the schema (a test checks they agree).
import fs from 'node:fs';

export function postgresqlSchema(sqliteSchema) {
  return (
    '// Generated from prisma/schema.prisma by scripts/sync-postgresql-schema.mjs: edit that file, not this one.\n' +
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace('output       = "../lib/generated/prisma"', 'output       = "../../lib/generated/prisma-postgresql"')
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  fs.writeFileSync('prisma/postgresql/schema.prisma', postgresqlSchema(fs.readFileSync('prisma/schema.prisma', 'utf8')));
}
