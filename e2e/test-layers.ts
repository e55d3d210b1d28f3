/**
 * The `*.test.ts` files beside their modules that are not pure units: each needs a tool, a
 * catalog, a service or many processes, so they run with the layer that has it
 * (playwright.config.ts) and the unit layer (playwright.unit.config.ts) leaves them out.
 * Matched as path suffixes; a test file that moves must move here too.
 */

/** ffmpeg/ffprobe, a migrated SQLite catalog or a crowd of processes: run with the API layer (project `integration`). */
export const INTEGRATION_TESTS = [
  // Encodes a rendition ladder with ffmpeg and remuxes it.
  'lib/downloads/build-download.test.ts',
  // Migrates and fills a SQLite catalog in the temporary DATA_DIR.
  'lib/playback/access.test.ts',
  // Starts eight Node processes at once to race for the secret file: seconds of CPU each.
  'lib/auth/secret.test.ts',
];

/** PostgreSQL (and SQLite): run with the PostgreSQL layer (project `integration-postgres`). */
export const POSTGRESQL_TESTS = [
  // The migrations checked against the schema on both databases.
  'lib/db/schema-match.test.ts',
  // npm run db:new-migration, which diffs on a scratch PostgreSQL database.
  'lib/db/new-migration.test.ts',
];
