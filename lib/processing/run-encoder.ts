import { spawn } from 'node:child_process';
import { processSingleton } from '@/lib/process-singleton';
import { createProgressReader } from './ffmpeg-progress';

/**
 * Runs one encoding ffmpeg at a lower CPU priority (`nice -n 10` where `nice` exists), so
 * uploads and pages stay responsive while it works. Bounded twice: a total time limit, and a
 * stall limit (no progress reported for that long). `signal` stops it early (the claim was
 * lost, the app shuts down).
 */

export type EncoderResult = { code: number | null; stderr: string; stopped: 'timeout' | 'stall' | 'aborted' | null; spawnError?: string };

const MAX_STDERR = 64 * 1024;
export const NICENESS = 10;

const niceCheck = processSingleton('nice-available', () => ({ result: null as Promise<boolean> | null }));

function hasNice(): Promise<boolean> {
  niceCheck.result ??= new Promise((resolve) => {
    const child = spawn('nice', ['-n', String(NICENESS), 'true'], { stdio: 'ignore' });
    child.once('error', () => resolve(false));
    child.once('close', (code) => resolve(code === 0));
  });
  return niceCheck.result;
}

export async function runEncoder(
  ffmpeg: string,
  args: string[],
  options: { timeoutMs: number; stallMs: number; signal?: AbortSignal; onProgress: (seconds: number, isEnd: boolean) => void },
): Promise<EncoderResult> {
  const [command, argv] = (await hasNice()) ? ['nice', ['-n', String(NICENESS), ffmpeg, ...args]] : [ffmpeg, args];
  return new Promise((resolve) => {
    let stderr = '';
    let stopped: EncoderResult['stopped'] = null;
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stop = (why: NonNullable<EncoderResult['stopped']>) => {
      stopped ??= why;
      child.kill('SIGKILL');
    };
    const deadline = setTimeout(() => stop('timeout'), options.timeoutMs);
    let lastProgress = Date.now();
    const stallTimer = setInterval(() => {
      if (Date.now() - lastProgress > options.stallMs) stop('stall');
    }, Math.min(5_000, options.stallMs));
    const onAbort = () => stop('aborted');
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort);
    const read = createProgressReader((seconds, isEnd) => {
      lastProgress = Date.now();
      options.onProgress(seconds, isEnd);
    });
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_STDERR) stderr += chunk;
    });
    const finish = (result: Omit<EncoderResult, 'stopped' | 'stderr'>) => {
      clearTimeout(deadline);
      clearInterval(stallTimer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ ...result, stderr, stopped });
    };
    child.once('error', (error) => finish({ code: null, spawnError: error.message }));
    child.once('close', (code) => finish({ code }));
  });
}
