import { type JobName, onWake } from './wake';
import { log } from '@/lib/log/logger';

/**
 * A job loop over claims in the database: take up to `concurrency` jobs, run them, and
 * look again when one finishes, when woken in-process, or every `pollMs`. A run that
 * throws is logged; the claim's lease lets another attempt take it up later.
 */
export function startClaimLoop<T>(options: {
  name: JobName;
  pollMs: number;
  concurrency: number;
  claim: () => Promise<T | null>;
  run: (job: T) => Promise<void>;
  /** Checked before claiming; false skips this round (e.g. ffmpeg missing). */
  canRun?: () => Promise<boolean>;
}): () => void {
  let active = 0;
  let looking = false;
  let lookAgain = false;
  let stopped = false;

  const look = async (): Promise<void> => {
    if (stopped) return;
    if (looking) {
      lookAgain = true;
      return;
    }
    looking = true;
    try {
      do {
        lookAgain = false;
        if (options.canRun && !(await options.canRun())) break;
        while (!stopped && active < options.concurrency) {
          const job = await options.claim();
          if (job === null) break;
          active += 1;
          void options
            .run(job)
            .catch((error: unknown) => log.error({ err: error, job: options.name }, `Job "${options.name}" failed`))
            .finally(() => {
              active -= 1;
              void look();
            });
        }
      } while (lookAgain && !stopped);
    } catch (error) {
      log.error({ err: error, job: options.name }, `Job "${options.name}" could not look for work; it tries again shortly`);
    } finally {
      looking = false;
    }
  };

  const stopWaking = onWake(options.name, () => void look());
  const timer = setInterval(() => void look(), options.pollMs);
  timer.unref();
  void look();
  return () => {
    stopped = true;
    stopWaking();
    clearInterval(timer);
  };
}
