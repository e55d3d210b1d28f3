/**
 * The `*.test.ts` files beside their modules that are not pure units: each needs a tool, a
 * catalog or a service, so they run with the layer that has it (playwright.config.ts) and the
 * unit layer (playwright.unit.config.ts) leaves them out. Matched as path suffixes.
 */

/** ffmpeg/ffprobe or a migrated SQLite catalog: run with the API layer (project `integration`). */
export const NEEDS_FFMPEG_OR_SQLITE = [
  // Encodes a rendition ladder with ffmpeg and remuxes it.
  'lib/downloads/build-download.test.ts',
  // Migrates and fills a SQLite catalog in the temporary DATA_DIR.
  'lib/playback/access.test.ts',
];

/** PostgreSQL (and SQLite): run with the PostgreSQL layer (project `integration-postgres`). */
export const NEEDS_POSTGRESQL = ['lib/db/schema-match.test.ts'];
