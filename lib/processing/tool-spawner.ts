import { type ChildProcess, spawn } from 'node:child_process';
import { processSingleton } from '@/lib/process-singleton';

/**
 * ffprobe and ffmpeg started by a small helper process instead of the app itself. Starting a
 * program from Node forks the whole process and waits until the copy has run `exec`: for the
 * app (hundreds of MiB resident, both cores busy with uploads) that held its event loop for
 * 25–50 ms per probe, about 10 % of its CPU when 100 uploads ended at once (bench --only-parallel,
 * `--cpu-prof`: ChildProcess.spawn). The helper is a bare Node process of ~40 MiB: its forks are
 * cheap and its waits stop nobody. One helper per process, started on first use; should it die,
 * the runs in flight end with a spawn error (the job fails and is retried like any other) and the
 * next run starts a new helper. When the app goes away, the helper kills what it started and exits.
 */

// The helper's code, evaluated as CommonJS by `node -e`: no file to resolve from dist/ or Next's bundle.
const HELPER_SOURCE = `
const { spawn } = require('node:child_process');
const running = new Map();
process.on('message', ({ id, command, args, timeoutMs, maxOutput }) => {
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  let done = false;
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(id, child);
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
  child.stdout.on('data', (chunk) => { if (stdout.length < maxOutput) stdout += chunk.toString(); });
  child.stderr.on('data', (chunk) => { if (stderr.length < maxOutput) stderr += chunk.toString(); });
  const finish = (reply) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    running.delete(id);
    if (process.connected) process.send({ id, stdout, stderr, timedOut, ...reply });
  };
  child.once('error', (error) => finish({ code: null, spawnError: error.message }));
  child.once('close', (code) => finish({ code }));
});
process.on('disconnect', () => {
  for (const child of running.values()) child.kill('SIGKILL');
  process.exit(0);
});
`;

export type SpawnedResult = { code: number | null; stdout: string; stderr: string; timedOut: boolean; spawnError?: string };
type Request = { command: string; args: string[]; timeoutMs: number; maxOutput: number };

class ToolSpawner {
  private helper: ChildProcess | null = null;
  private readonly pending = new Map<number, (result: SpawnedResult) => void>();
  private nextId = 1;

  run(request: Request): Promise<SpawnedResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      const helper = this.running();
      // A run in flight keeps the process alive (a CLI awaiting a probe); an idle helper does not.
      helper.channel?.ref();
      helper.send({ id, ...request }, (error) => {
        if (error) this.settle(id, { code: null, stdout: '', stderr: '', timedOut: false, spawnError: error.message });
      });
    });
  }

  private settle(id: number, result: SpawnedResult): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.helper?.channel?.unref();
    resolve?.(result);
  }

  private running(): ChildProcess {
    if (this.helper) return this.helper;
    const helper = spawn(process.execPath, ['-e', HELPER_SOURCE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
    helper.unref();
    helper.on('message', (reply: SpawnedResult & { id: number }) => {
      const { id, ...result } = reply;
      this.settle(id, result);
    });
    const fail = (message: string) => {
      if (this.helper !== helper) return;
      this.helper = null;
      for (const id of [...this.pending.keys()]) this.settle(id, { code: null, stdout: '', stderr: '', timedOut: false, spawnError: message });
    };
    helper.once('error', (error) => fail(`The tool helper failed: ${error.message}`));
    helper.once('exit', (code, signal) => fail(`The tool helper stopped (${signal ?? `exit code ${code}`}).`));
    this.helper = helper;
    return helper;
  }
}

/** Runs `command args` from the helper process: the same result a spawn in this process gives. */
export function spawnFromHelper(request: Request): Promise<SpawnedResult> {
  return processSingleton('tool-spawner', () => new ToolSpawner()).run(request);
}
