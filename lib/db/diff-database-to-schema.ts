import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DiffParams, SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Prisma's `migrate diff --from-config-datasource --to-schema --script`, run offline: Prisma 7's
 * CLI only drives the native schema engine, which it downloads on first use (and cannot here),
 * and it no longer accepts a driver adapter for migrations (prisma/orm#28499). The same engine
 * is published as WebAssembly (@prisma/schema-engine-wasm, the build Prisma 7.10 itself ships),
 * and it reaches the database through a driver adapter: no binary, no network.
 * Its version must match the `prisma` package's engines (a test checks).
 */

export class SchemaEngineMissingError extends Error {}

type Runtime = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

let runtime: Promise<Runtime> | undefined;

/** Instantiates the WebAssembly engine once per process: wasm-bindgen keeps its state in the glue module. */
function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    const require = createRequire(import.meta.url);
    let gluePath: string;
    try {
      gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    } catch {
      throw new SchemaEngineMissingError("Prisma's WebAssembly schema engine (@prisma/schema-engine-wasm, a devDependency) is not installed: run npm install");
    }
    const glue = (await import(pathToFileURL(gluePath).href)) as Runtime;
    // The package's own entry imports the .wasm as an ES module (needs --experimental-wasm-modules),
    // so load the binary beside it and hand it the glue, as Prisma's CLI did.
    const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

export type SchemaFile = { path: string; content: string };

/** The engine's errors are Errors or plain objects, often followed by a Rust trace ("   0: sql_schema_connector::…"): keep what comes before it. */
function engineErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String((error as { message?: unknown })?.message ?? error);
  const lines = message.split('\n');
  const trace = lines.findIndex((line) => /^\s+\d+: /.test(line));
  return lines.slice(0, trace === -1 ? undefined : trace).join('\n').trim();
}

/**
 * The SQL that takes the database the adapter connects to to what `schema` describes, or '' when
 * they already agree. Tables Prisma keeps for itself (`_prisma_migrations`) are not part of the diff.
 */
export async function diffDatabaseToSchema(adapter: SqlMigrationAwareDriverAdapterFactory, schema: SchemaFile): Promise<string> {
  const glue = await loadRuntime();
  const files = [{ path: schema.path, content: schema.content }];
  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter));
  } catch (error) {
    throw new Error(`Prisma's schema engine could not start: ${engineErrorMessage(error)}`);
  }
  try {
    const params: DiffParams = {
      from: { tag: 'schemaDatasource', files, configDir: path.dirname(schema.path) },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: true, // 2 when there is a difference, 0 when none
      filters: { externalTables: [], externalEnums: [] },
    };
    const result = await engine.diff(params).catch((error: unknown) => {
      throw new Error(`Prisma's schema engine could not compare ${schema.path} with the database: ${engineErrorMessage(error)}`);
    });
    return result.exitCode === 2 ? (result.stdout ?? '') : '';
  } finally {
    engine.free();
  }
}
