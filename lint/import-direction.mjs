/**
 * Which way imports may point: `app → components → lib/<domain> → lib/db, lib/storage → the floor`.
 *
 * Each row of LIB_ROWS may import only the rows above it in this list (lower in the stack);
 * folders on one row never import each other. A stack of rows has no cycles by construction,
 * so two domains can never import each other both ways. When an import is refused, move the
 * shared helper down (as `isMediaId` went to lib/universal) or let the lower side be called
 * instead of calling up; move a folder to another row only when every import it makes
 * still points down.
 *
 * Unit tests (`*.test.ts`) may import what their setup needs: they are not part of the app.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Folders (`lib/<name>/`) and single modules (`lib/<name>.ts`), lowest first. */
const LIB_ROWS = [
  // The floor: settings, the errors table, pure helpers, the Prisma client. Imports nothing in lib.
  ['env', 'errors', 'universal', 'validations', 'settings', 'process-singleton', 'generated'],
  ['log', 'instance'],
  // Edge plumbing, the catalog, the bytes.
  ['http', 'db', 'storage'],
  ['limits', 'jobs', 'instances'],
  ['auth', 'system'],
  ['metrics'],
  ['webhooks', 'upload-store'],
  ['videos'],
  ['playback', 'processing', 'uploads'],
  ['copy', 'downloads', 'tus'],
  // What starts the app and its background work: nothing in lib imports these.
  ['start-app', 'background-jobs'],
];

// A folder missing from the rows would go unchecked: lint stops and says where it belongs.
const LIB_DIR = path.join(import.meta.dirname, '..', 'lib');
for (const entry of fs.readdirSync(LIB_DIR, { withFileTypes: true })) {
  const name = entry.isDirectory() ? entry.name : entry.name.replace(/\.tsx?$/, '');
  if (!LIB_ROWS.flat().includes(name)) {
    throw new Error(`lib/${entry.name} is on no row of LIB_ROWS in lint/import-direction.mjs: add it to the lowest row above everything it imports.`);
  }
}

const TESTS = ['**/*.test.ts'];

const RELATIVE_PARENT = {
  group: ['../*'],
  message: 'Import another folder by its `@/` path, so the import-direction rule (lint/import-direction.mjs) can see it.',
};

/** Files of a lib row entry: a folder or a single module. */
function libFiles(name) {
  return [`lib/${name}/**`, `lib/${name}.ts`];
}

function refusal(from, to, why) {
  return { group: [to], message: `${from} may not import ${to.slice(2)}: ${why} Imports point down: move what both need to a lower row, or call the other way (lint/import-direction.mjs).` };
}

function libConfig(name, row) {
  const above = LIB_ROWS.slice(row).flat().filter((other) => other !== name);
  const patterns = [
    refusal(`lib/${name}`, '@/app', 'lib is below app.'),
    refusal(`lib/${name}`, '@/components', 'lib is below components.'),
    ...above.map((other) =>
      refusal(`lib/${name}`, `@/lib/${other}`, LIB_ROWS[row].includes(other) ? 'they are on one row.' : `lib/${other} is on a higher row.`),
    ),
    RELATIVE_PARENT,
  ];
  return { files: libFiles(name), ignores: TESTS, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

const importDirection = [
  ...LIB_ROWS.flatMap((names, row) => names.map((name) => libConfig(name, row))),
  {
    files: ['components/**'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [refusal('components', '@/app', 'components are below app.'), RELATIVE_PARENT] },
      ],
    },
  },
  {
    // No cycles between files either (within a folder; the rows rule out the rest). Type-only
    // imports are not followed. Limited to lib/, and to the repo's own modules, to keep lint fast.
    files: ['lib/**'],
    // The generated Prisma client is large and imports nothing of ours: not parsed for the check.
    settings: { 'import/ignore': ['node_modules', 'lib/generated/'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
];

export default importDirection;
