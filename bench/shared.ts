import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';

/** Helpers shared by bench/run.ts and the parts it runs (scale-out.ts): the parts import these, never run.ts. */

/** Starts a process and resolves once its output matches `pattern`, with the port in its first group. */
export function spawnAndWait(command: string, argv: string[], env: Record<string, string>, pattern: RegExp): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    // BENCH_SERVER_LOG=dir: each server's output also goes to dir/<pid>.log (e.g. with --trace-gc).
    const logDir = process.env.BENCH_SERVER_LOG;
    const tee = logDir ? fs.createWriteStream(path.join(logDir, `${child.pid}.log`)) : null;
    child.stdout!.on('data', (chunk: Buffer) => tee?.write(chunk));
    const onData = (chunk: Buffer) => {
      if (output.length > 100_000) return;
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

/** One row of a Markdown table, numbers to two decimals. */
export function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? c.toFixed(2) : c)).join(' | ')} |`;
}

/** A server the bench measures: the app (dist/server.js) or the bare @tus/server, both with bench/eld-probe.mjs. */
export type BenchServer = { name: string; child: ChildProcess; port: number; uploadDir: string; endpoint: string; headers: Record<string, string>; eldFile: string };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((sorted.length * p) / 100) - 1))] ?? Number.NaN;
}

/** One tus-js-client upload (one PATCH) that records each creation POST's and PATCH's time; resolves false on an error. */
export function timedUpload(endpoint: string, headers: Record<string, string>, data: Buffer, times: { postMs: number[]; patchMs: number[] }): Promise<boolean> {
  return new Promise((resolve) => {
    const sentAt = new Map<unknown, number>();
    const upload = new tus.Upload(data, {
      endpoint,
      headers,
      metadata: { name: 'bench.bin', filetype: 'application/octet-stream' },
      retryDelays: [],
      onBeforeRequest: (req) => void sentAt.set(req, performance.now()),
      onAfterResponse: (req) => {
        const ms = performance.now() - (sentAt.get(req) ?? performance.now());
        if (req.getMethod() === 'POST') times.postMs.push(ms);
        if (req.getMethod() === 'PATCH') times.patchMs.push(ms);
      },
      onSuccess: () => resolve(true),
      onError: () => resolve(false),
    });
    upload.start();
  });
}

/**
 * A person opening a page while the uploads run: one GET of `url` at a time, 100 ms apart,
 * until `stop()`, which resolves once the request in flight has ended, with the times of the
 * answers that were OK and the count of those that were not.
 */
export function probePage(url: string): { stop: () => Promise<{ ms: number[]; errors: number }> } {
  const ms: number[] = [];
  let errors = 0;
  let running = true;
  const probing = (async () => {
    while (running) {
      const t0 = performance.now();
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) ms.push(performance.now() - t0);
      else errors += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await probing;
      return { ms, errors };
    },
  };
}
