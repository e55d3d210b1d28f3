import { defineConfig } from 'prisma/config';

// Prisma's CLI wants a native schema engine that it downloads on first use; offline
// servers cannot fetch it. `prisma generate` never runs that engine, it only checks
// that the file exists, so point it at a file that is always there. Migrations are
// applied by the app itself (lib/db/migrate.ts), not by `prisma migrate`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
