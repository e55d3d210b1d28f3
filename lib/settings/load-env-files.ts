import { createRequire } from 'node:module';

// @next/env is a bundled CommonJS module whose named exports Node's ESM loader cannot see.
const { loadEnvConfig } = createRequire(import.meta.url)('@next/env') as typeof import('@next/env');

/**
 * Loads `.env` files exactly as Next.js does (its own `@next/env`): `.env.$(NODE_ENV).local`,
 * `.env.local` (not when NODE_ENV is test), `.env.$(NODE_ENV)`, `.env`, from the app's
 * folder; a variable already in the environment wins over every file. Called first by
 * server.ts and the scripts, before anything reads a setting, so that the tus handler, the
 * jobs and start-up see the same settings as Next's route handlers. Returns the files read.
 */
export function loadEnvFiles(dir = process.cwd(), dev = process.env.NODE_ENV === 'development'): string[] {
  const quiet = { info: () => {}, error: (...args: unknown[]) => void process.stderr.write(`${args.map(String).join(' ')}\n`) };
  const { loadedEnvFiles } = loadEnvConfig(dir, dev, quiet);
  return loadedEnvFiles.map((file) => file.path);
}
