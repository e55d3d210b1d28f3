import { type ChildProcess, execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase } from '../e2e/fixtures/databases';
import { redisEnv } from '../e2e/fixtures/redis';
import { cpuSeconds } from './proc-stats';
import { percentile, probePage, row, spawnAndWait, timedUpload } from './shared';

/**
 * `npm run bench` part 3: 100 parallel 20 MiB uploads on PostgreSQL + Redis, one instance vs.
 * two instances behind a balancer process vs. two node:cluster workers sharing one port
 * (bench/cluster-primary.mjs: whether a second process on the second core pays), in rotating
 * order for each round, with a page's (`GET /sign-in`) p99 under the load.
 */

const UPLOADS = 100;
const SIZE = 20 * 1024 * 1024;

type Run = { errors: number; mintMs: number[]; patchMs: number[]; pageMs: number[]; seconds: number };

const p99 = (values: number[]) => percentile(values, 99);

/** The pids `pgrep <args>` finds (none: an empty list). */
function pgrep(args: string): number[] {
  try {
    return execSync(`pgrep ${args}`).toString().trim().split('\n').map(Number).filter(Boolean);
  } catch {
    return [];
  }
}

const pids = (name: string) => pgrep(`-x ${name}`);

/** The processes a node:cluster primary forked. */
const childrenOf = (pid: number) => pgrep(`-P ${pid}`);

function cpuOf(list: number[]): number {
  return list.reduce((sum, pid) => {
    try {
      return sum + cpuSeconds(pid);
    } catch {
      return sum;
    }
  }, 0);
}

async function uploadAll(port: number, token: string, data: Buffer): Promise<Run> {
  const endpoint = `http://127.0.0.1:${port}/client/v4/accounts/local/stream?direct_user=true`;
  const mintMs: number[] = [];
  const patchMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const pages = probePage(`http://127.0.0.1:${port}/sign-in`);
  const one = async () => {
    if (!(await timedUpload(endpoint, { Authorization: `Bearer ${token}` }, data, { postMs: mintMs, patchMs }))) errors += 1;
  };
  await Promise.all(Array.from({ length: UPLOADS }, one));
  const seconds = (performance.now() - started) / 1000;
  const page = await pages.stop();
  return { errors: errors + page.errors, mintMs, patchMs, pageMs: page.ms, seconds };
}

export async function benchScaleOut(work: string, rounds: number): Promise<void> {
  console.log(
    `\n## Scale-out: ${UPLOADS} parallel ${SIZE / 1024 / 1024} MiB uploads (one PATCH each), PostgreSQL + Redis: one instance, two behind a round-robin balancer, two node:cluster workers; ${rounds} rounds\n`,
  );
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
    // A backend minting for 100 users at once through one API token: above the default 60 a minute.
    MINTS_PER_MINUTE: '10000',
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

    const workers = await spawnAndWait(process.execPath, ['bench/cluster-primary.mjs', '2'], { ...env, DATA_DIR: path.join(dataDir, 'c') }, /cluster listening on (\d+)/);
    children.push(workers.child);
    const setups = [
      { label: 'one instance', port: a.port, app: () => [a.child.pid!], balancer: () => [] as number[] },
      { label: 'two instances + balancer', port: proxy.port, app: () => [a.child.pid!, b.child.pid!], balancer: () => [proxy.child.pid!] },
      { label: 'two node:cluster workers', port: workers.port, app: () => childrenOf(workers.child.pid!), balancer: () => [workers.child.pid!] },
    ];
    const results: [string, Run, Record<string, number>][] = [];
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < setups.length; i++) {
        const setup = setups[(i + round) % setups.length]!;
        const groups = { app: setup.app(), balancer: setup.balancer(), postgresql: pids('postgres'), redis: pids('redis-server'), client: [process.pid] };
        const before = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, cpuOf(v)]));
        const run = await uploadAll(setup.port, token, data);
        const cpu = Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, cpuOf(v) - before[k]!]));
        results.push([`${setup.label} (round ${round + 1})`, run, cpu]);
        fs.rmSync(env.UPLOAD_DIR!, { recursive: true, force: true });
        fs.mkdirSync(env.UPLOAD_DIR!, { recursive: true });
      }
    }
    console.log(row(['setup', 'errors', 'mint p99 ms', 'PATCH p99 ms', 'GET /sign-in p99 ms', 'aggregate MB/s', 'CPU s: app', 'balancer / primary', 'PostgreSQL', 'Redis', 'client']));
    console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
    for (const [label, run, cpu] of results.sort((x, y) => x[0].localeCompare(y[0]))) {
      console.log(
        row([label, String(run.errors), p99(run.mintMs), p99(run.patchMs), p99(run.pageMs), (UPLOADS * SIZE) / 1e6 / run.seconds, cpu.app!, cpu.balancer!, cpu.postgresql!, cpu.redis!, cpu.client!]),
      );
    }
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await redis.cleanup();
    await database.drop();
  }
}
