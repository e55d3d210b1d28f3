/**
 * `npm run worker`: processing + encoding (and the other claimed background jobs) with no
 * HTTP server, against the same catalog (DATABASE_URL) and UPLOAD_DIR as the web instances.
 * Run as many as the encoding load needs, on this machine or others with the shared volume;
 * set PROCESS_VIDEOS=false on the web instances so uploads never compete with encodes.
 * A worker holds no upload locks, so it needs no REDIS_URL and does not count as an instance.
 */
// Settings from .env first, as the web process reads them.
import '@/lib/settings/env-files-first';
import { captureConsole } from '@/lib/log/capture-console';
import { log } from '@/lib/log/logger';
import { migrateDatabase } from '@/lib/db/migrate';
import { ConfigError, getEnv } from '@/lib/env';
import { startBackgroundJobs } from '@/lib/background-jobs';
import { getTools } from '@/lib/processing/tools';

async function main(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`The Upstream worker did not start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (env.isProduction) captureConsole();
  const applied = await migrateDatabase(env.databaseUrl);
  if (applied.length > 0) log.info({ applied }, `Applied database migrations: ${applied.join(', ')}`);
  const tools = await getTools();
  const stop = startBackgroundJobs('worker');
  log.info(
    { pid: process.pid, concurrency: env.processingConcurrency, preset: env.encodePreset },
    `Upstream worker ready: processing and encoding ${env.processingConcurrency} video(s) at a time (pid ${process.pid}, preset ${env.encodePreset}${tools ? '' : ', waiting for ffmpeg'}).`,
  );
  const shutdown = () => {
    stop();
    // An encode in flight is dropped; its claim runs out and another process takes it up.
    setTimeout(() => process.exit(0), 500).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('The Upstream worker could not start:', error);
  process.exit(1);
});
