import fs from 'node:fs';
import { cpuSeconds, peakRssMiB, resetPeak } from './proc-stats';
import { type BenchServer, median, percentile, probePage, row, timedUpload } from './shared';

/**
 * `npm run bench` part "parallel": 100 tus-js-client uploads of 20 MiB at once (one PATCH each),
 * against the app (embedded default: SQLite, disk) and the bare @tus/server in the same run,
 * alternating which goes first. Per run: mint (app) / creation POST (bare) p50 and p99, PATCH
 * p99, a page's (`GET /sign-in`, app only) p99 while the uploads run, the server's event-loop
 * delay p99 (bench/eld-probe.mjs), aggregate MB/s, server CPU s/GiB and peak RSS.
 */

const UPLOADS = 100;
const SIZE = 20 * 1024 * 1024;
const GiB = 1024 * 1024 * 1024;

type Run = { errors: number; postMs: number[]; patchMs: number[]; pageMs: number[]; mbps: number; cpuPerGiB: number; peakMiB: number; eld: { p50: number; p99: number; max: number } };

async function eventLoopDelay(server: BenchServer): Promise<Run['eld']> {
  fs.rmSync(server.eldFile, { force: true });
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 50 && !fs.existsSync(server.eldFile); i++) await new Promise((r) => setTimeout(r, 20));
  return JSON.parse(fs.readFileSync(server.eldFile, 'utf8')) as Run['eld'];
}

async function runOnce(server: BenchServer, data: Buffer): Promise<Run> {
  const pid = server.child.pid!;
  const postMs: number[] = [];
  const patchMs: number[] = [];
  let errors = 0;
  await eventLoopDelay(server); // starts the delay histogram over
  resetPeak(pid);
  const cpu0 = cpuSeconds(pid);
  const started = performance.now();
  // The bare server has no pages.
  const pages = server.name === 'app' ? probePage(`http://127.0.0.1:${server.port}/sign-in`) : null;
  const times = { postMs, patchMs };
  const one = async () => {
    if (!(await timedUpload(server.endpoint, server.headers, data, times))) errors += 1;
  };
  await Promise.all(Array.from({ length: UPLOADS }, one));
  const seconds = (performance.now() - started) / 1000;
  const page = (await pages?.stop()) ?? { ms: [], errors: 0 };
  const run = {
    errors: errors + page.errors,
    postMs,
    patchMs,
    pageMs: page.ms,
    mbps: (UPLOADS * SIZE) / 1e6 / seconds,
    cpuPerGiB: ((cpuSeconds(pid) - cpu0) * GiB) / (UPLOADS * SIZE),
    peakMiB: peakRssMiB(pid),
    eld: await eventLoopDelay(server),
  };
  fs.rmSync(server.uploadDir, { recursive: true, force: true });
  fs.mkdirSync(server.uploadDir, { recursive: true });
  return run;
}

export async function benchParallel(app: BenchServer, bare: BenchServer, rounds: number): Promise<void> {
  console.log(`\n## ${UPLOADS} parallel uploads of ${SIZE / 1024 / 1024} MiB (one PATCH each), app (embedded default) vs bare @tus/server, ${rounds} rounds\n`);
  const data = Buffer.alloc(SIZE, 7);
  const runs: Record<'app' | 'bare', Run[]> = { app: [], bare: [] };
  for (let round = 0; round < rounds; round++) {
    for (const server of round % 2 ? [bare, app] : [app, bare]) {
      const run = await runOnce(server, data);
      runs[server.name as 'app' | 'bare'].push(run);
      console.log(
        `round ${round + 1} ${server.name.padEnd(4)} ${run.mbps.toFixed(0)} MB/s, POST p99 ${percentile(run.postMs, 99).toFixed(0)} ms, PATCH p99 ${percentile(run.patchMs, 99).toFixed(0)} ms, ` +
          `event-loop delay p99 ${run.eld.p99} ms, CPU ${run.cpuPerGiB.toFixed(2)} s/GiB, peak RSS ${run.peakMiB.toFixed(0)} MiB, errors ${run.errors}`,
      );
    }
  }
  const all = (list: Run[], key: 'postMs' | 'patchMs' | 'pageMs') => list.flatMap((run) => run[key]);
  const mid = (list: Run[], pick: (run: Run) => number) => median(list.map(pick));
  console.log('\n' + row(['server', 'errors', 'MB/s', 'mint/POST p50 ms', 'mint/POST p99 ms', 'PATCH p99 ms', 'GET /sign-in p99 ms', 'event-loop delay p99 ms', 'CPU s/GiB', 'peak RSS MiB']));
  console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']));
  for (const name of ['app', 'bare'] as const) {
    const list = runs[name];
    console.log(
      row([
        name,
        String(list.reduce((sum, run) => sum + run.errors, 0)),
        mid(list, (run) => run.mbps),
        percentile(all(list, 'postMs'), 50),
        percentile(all(list, 'postMs'), 99),
        percentile(all(list, 'patchMs'), 99),
        name === 'app' ? percentile(all(list, 'pageMs'), 99) : '—',
        mid(list, (run) => run.eld.p99),
        mid(list, (run) => run.cpuPerGiB),
        Math.max(...list.map((run) => run.peakMiB)),
      ]),
    );
  }
  const pairs = runs.app.map((a, i) => [a, runs.bare[i]!] as const);
  console.log('\n' + row(['app / bare, median of paired ratios', 'MB/s (target ≥ 1.0)', 'CPU s/GiB (target ≤ 1.0)', 'mint p99 / POST p99 (target ≤ 1.0)']));
  console.log(row(['---', '---', '---', '---']));
  console.log(
    row([
      '100 parallel',
      median(pairs.map(([a, b]) => a.mbps / b.mbps)),
      median(pairs.map(([a, b]) => a.cpuPerGiB / b.cpuPerGiB)),
      median(pairs.map(([a, b]) => percentile(a.postMs, 99) / percentile(b.postMs, 99))),
    ]),
  );
  const pageP99 = percentile(all(runs.app, 'pageMs'), 99);
  const eldP99 = mid(runs.app, (run) => run.eld.p99);
  console.log(`\nApp under this load: GET /sign-in p99 ${pageP99.toFixed(0)} ms (target ≤ 250), event-loop delay p99 ${eldP99} ms (target ≤ 50).`);
}
