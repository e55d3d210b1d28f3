import { defineConfig } from 'prisma/config';

// The PostgreSQL twin of prisma.config.ts (see there). `prisma generate --config prisma.postgresql.config.ts`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/postgresql/schema.prisma',
  migrations: { path: 'prisma/postgresql/migrations' },
});
