import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { runTool } from './run-tool';

/** The tool helper process: programs run from it give the same results a spawn here gives. */

test.describe('tools started by the helper process', () => {
  test('must return the exit code and both outputs of the program', async () => {
    const result = await runTool('sh', ['-c', 'echo out; echo err >&2; exit 3'], 10_000);
    expect(result).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n', timedOut: false });
  });

  test('must stop a program that runs past its time limit and say so', async () => {
    const started = Date.now();
    const result = await runTool('sleep', ['30'], 300);
    expect(result.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('must answer a program that does not exist with a spawn error, not a throw', async () => {
    const result = await runTool('/nonexistent/ffprobe', ['-version'], 10_000);
    expect(result.code).toBeNull();
    expect(result.spawnError).toContain('ENOENT');
  });

  test('must run many programs at once, each with its own output', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => runTool('sh', ['-c', `echo ${i}`], 10_000)));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
  });

  test('must fail the runs in flight when the helper dies, and start a new helper for the next run', async () => {
    const inFlight = runTool('sleep', ['30'], 60_000);
    await new Promise((r) => setTimeout(r, 300));
    const helpers = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'node:child_process']).toString().trim().split('\n').filter(Boolean);
    expect(helpers.length).toBe(1);
    process.kill(Number(helpers[0]), 'SIGKILL');
    const failed = await inFlight;
    expect(failed.spawnError).toMatch(/tool helper stopped/);
    const next = await runTool('sh', ['-c', 'echo again'], 10_000);
    expect(next.stdout).toBe('again\n');
  });
});
