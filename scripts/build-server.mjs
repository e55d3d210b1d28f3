/**
 * The second half of `npm run build`: server.ts and the worker compiled ahead of time into
 * dist/ (one ES module each; packages stay in node_modules), so `npm start` runs plain
 * JavaScript. Loading TypeScript at run time (tsx) kept a compiler and a loader thread
 * resident: about 55 MiB of memory and seconds of CPU at start. `npm run dev` still uses tsx.
 * The source maps are written beside the files: `node --enable-source-maps dist/server.js`
 * gives stack traces in TypeScript lines.
 */
import fs from 'node:fs';
import { build } from 'esbuild';

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { server: 'server.ts', worker: 'scripts/worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfig: 'tsconfig.json',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('Compiled server.ts and scripts/worker.ts into dist/');
