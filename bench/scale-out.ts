import { type ChildProcess, execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../e2e/fixtures/databases';
import { redisEnv } from '../e2e/fixtures/redis';
import { cpuSeconds } from './proc-stats';
import { percentile, row, spawnAndWait, timedUpload } from './shared';

/** `npm run bench` part 3: 100 parallel 20 MiB uploads, one instance vs. two behind a balancer. */

const UPLOADS = 100;
const SIZE = 20 * 1024 * 1024;

type Run = { errors: number; mintMs: number[]; patchMs: number[]; seconds: number };

const p99 = (values: number[]) => percentile(values, 99);

function pids(name: string): number[] {
  try {
    return execSync(`pgrep -x ${name}`).toString().trim().split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}

function cpuOf(list: number[]): number {
  return list.reduce((sum, pid) => {
    try {
      return sum + cpuSeconds(pid);
    } catch {
      return sum;
    }
  }, 0);
}

function uploadAll(endpoint: string, token: string, data: Buffer): Promise<Run> {
  const mintMs: number[] = [];
  const patchMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const one = async () => {
    if (!(await timedUpload(endpoint, { Authorization: `Bearer ${token}` }, data, { postMs: mintMs, patchMs }))) errors += 1;
  };
  return Promise.all(Array.from({ length: UPLOADS }, one)).then(() => ({ errors, mintMs, patchMs, seconds: (performance.now() - started) / 1000 }));
}

export async function benchScaleOut(work: string): Promise<void> {
  console.log(`\n## Scale-out: ${UPLOADS} parallel ${SIZE / 1024 / 1024} MiB uploads (one PATCH each), PostgreSQL + Redis, one instance vs. two behind a round-robin balancer\n`);
  const database = await createTestDatabase('postgresql');
  const redis = redisEnv();
  const dataDir = path.join(work, 'scale-out');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url!,
    ...redis.env,
    UPLOAD_DIR: path.join(dataDir, 'uploads'),
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    // Random bytes are not video: keep processing out of the measurement.
    FFPROBE_PATH: '/nonexistent',
    FFMPEG_PATH: '/nonexistent',
  };
  const children: ChildProcess[] = [];
  try {
    const start = async (name: string) => {
      const { child, port } = await spawnAndWait(process.execPath, ['dist/server.js'], { ...env, DATA_DIR: path.join(dataDir, name) }, /Upstream ready on http:\/\/[^:]+:(\d+)/);
      children.push(child);
      return { child, port };
    };
    const a = await start('a');
    const b = await start('b');
    const proxy = await spawnAndWait(process.execPath, ['--import', 'tsx', 'bench/proxy.ts', String(a.port), String(b.port)], {}, /listening on (\d+)/);
    children.push(proxy.child);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/api-token.ts', 'create', '--name', 'bench'], { env: { ...process.env, ...env, DATA_DIR: path.join(dataDir, 'a') } }).toString();
    const token = out.trim().split('\n').at(-1)!;
    const data = Buffer.alloc(SIZE, 7);

    const results: [string, Run, Record<string, number>][] = [];
    for (const [label, port] of [
      ['one instance', a.port],
      ['two instances + balancer', proxy.port],
    ] as const) {
      const groups = { app: [a.child.pid!, b.child.pid!], balancer: [proxy.child.pid!], postgresql: pids('postgres'), redis: pids('redis-server'), client: [process.pid] };
      const before = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, cpuOf(v)]));
      const run = await uploadAll(`http://127.0.0.1:${port}/client/v4/accounts/local/stream?direct_user=true`, token, data);
      const cpu = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, cpuOf(v) - before[k]!]));
      results.push([label, run, cpu]);
      fs.rmSync(env.UPLOAD_DIR!, { recursive: true, force: true });
      fs.mkdirSync(env.UPLOAD_DIR!, { recursive: true });
    }
    console.log(row(['setup', 'errors', 'mint p99 ms', 'PATCH p99 ms', 'aggregate MB/s', 'CPU s: app', 'balancer', 'PostgreSQL', 'Redis', 'client']));
    console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
    for (const [label, run, cpu] of results) {
      console.log(
        row([label, String(run.errors), p99(run.mintMs), p99(run.patchMs), (UPLOADS * SIZE) / 1e6 / run.seconds, cpu.app!, cpu.balancer!, cpu.postgresql!, cpu.redis!, cpu.client!]),
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await redis.cleanup();
    await database.drop();
  }
}
