/**
 * `npm run bench`: what the speed and memory goals are measured with (never by timed tests).
 *
 * 1. Upload throughput: a 1 GiB file through the app's tus path (mint + one-time URL) and
 *    through a bare @tus/server + @tus/file-store on node:http, alternating, 3 rounds, with
 *    tus-js-client in one PATCH, in 8 MiB and in 50 MiB chunks. Prints MB/s, server peak RSS, server CPU
 *    seconds per GiB, and the app/bare ratios. Then (checksums) the app in 8 MiB chunks without
 *    Upload-Checksum, with it hashed just before each PATCH, hashed one chunk ahead (as the app's
 *    uploader does), and hashed before the clock starts (the server's cost alone), in rotating order.
 * 2. Processing: from the last byte of a 60 MB 1080p clip to `ready`, next to the bare
 *    ffprobe + thumbnail ffmpeg commands on the same file.
 * 2b. Parallel (bench/parallel.ts): 100 parallel 20 MiB uploads, app (embedded default) and bare
 *    server in the same run: mint/POST p50/p99, PATCH p99, GET /sign-in p99 under the load,
 *    event-loop delay p99, CPU s/GiB, peak RSS, paired ratios.
 * 3. Scale-out: 100 parallel 20 MiB uploads through one instance, two instances behind a
 *    round-robin balancer, and two node:cluster workers on one port, on PostgreSQL + Redis:
 *    errors, mint, PATCH and GET /sign-in p99, aggregate MB/s, and the CPU seconds of each
 *    process involved.
 *
 * 4. Encoding (with --encoding, see bench/encoding.ts): app vs bare ffmpeg on a 60 s 1080p clip,
 *    last byte → ready for it and a 10 s clip, upload throughput while an encode runs.
 *
 * Options: --rounds N (3), --size-mib N (1024), --chunk-mib N (the upload part with that chunk
 * size only), --skip-<part>, --only-<part> (that part alone), with parts upload, parallel,
 * checksums, processing, scale-out, encoding (encoding runs only with --encoding or
 * --only-encoding). Environment: BENCH_APP_NODE_ARGS / BENCH_BARE_NODE_ARGS (Node flags for the
 * servers), BENCH_THREADS=1 (each server thread's CPU per upload), BENCH_SERVER_LOG=dir (each
 * server's output in dir/<pid>.log).
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as tus from 'tus-js-client';
import { pipelinedChunkChecksums } from '../components/uploader/file-hash';
import { bareEncodeMs, benchEncoding, mintAndPatch, untilReady } from './encoding';
import { cpuSeconds, peakRssMiB, resetPeak, rssMiB, threadCpuDelta, threadCpuSeconds } from './proc-stats';
import { benchScaleOut } from './scale-out';
import { benchParallel } from './parallel';
import { type BenchServer, median, row, spawnAndWait } from './shared';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROUNDS = option('rounds', 3);
const SIZE = option('size-mib', 1024) * 1024 * 1024;
const WORK = path.resolve('bench/.work');
const MiB = 1024 * 1024;

type Server = BenchServer;

/** A backend minting for 100 users at once through one API token: above MINTS_PER_MINUTE's default (60). */
const BENCH_LIMITS = { MINTS_PER_MINUTE: '10000' };

/** Both servers load the event-loop delay probe the same way. */
const PROBE = ['--import', './bench/eld-probe.mjs'];

async function startAppServer(): Promise<Server> {
  const dataDir = path.join(WORK, 'app-data');
  fs.rmSync(dataDir, { recursive: true, force: true });
  const eldFile = path.join(WORK, 'eld-app.json');
  const env: Record<string, string> = { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', BENCH_ELD_FILE: eldFile, ...BENCH_LIMITS };
  // BENCH_APP_NODE_ARGS (BENCH_BARE_NODE_ARGS for the bare server): extra Node flags, e.g. `--cpu-prof --cpu-prof-dir=bench/.work/prof`.
  const extra = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, port } = await spawnAndWait(process.execPath, [...PROBE, ...extra, 'dist/server.js'], env, /Upstream ready on http:\/\/[^:]+:(\d+)/);
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/api-token.ts', 'create', '--name', 'bench'], { env: { ...process.env, ...env } }).toString();
  const token = out.trim().split('\n').at(-1)!;
  return {
    name: 'app',
    child,
    port,
    uploadDir: path.join(dataDir, 'uploads'),
    endpoint: `http://127.0.0.1:${port}/client/v4/accounts/local/stream?direct_user=true`,
    headers: { Authorization: `Bearer ${token}` },
    eldFile,
  };
}

async function startBareServer(): Promise<Server> {
  const uploadDir = path.join(WORK, 'bare');
  fs.rmSync(uploadDir, { recursive: true, force: true });
  const eldFile = path.join(WORK, 'eld-bare.json');
  const extra = (process.env.BENCH_BARE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { child, port } = await spawnAndWait(process.execPath, [...PROBE, ...extra, 'bench/bare-tus-server.mjs', uploadDir], { NODE_ENV: 'production', BENCH_ELD_FILE: eldFile }, /listening on (\d+)/);
  return { name: 'bare', child, port, uploadDir, endpoint: `http://127.0.0.1:${port}/files`, headers: {}, eldFile };
}

/**
 * Upload-Checksum (sha256 of the PATCH's bytes) on every PATCH. `serial`: hashed when the PATCH
 * is about to go; `pipelined`: the app's uploader's own pipelinedChunkChecksums (Web Crypto, one
 * chunk ahead, so the next chunk's hash runs while this one is on the wire); `precomputed`: all
 * hashed before the upload's clock starts, as if a device had done it on its own CPU, so that
 * only the server's cost of checking them is measured (on loopback the client shares its cores).
 */
type ChecksumMode = 'serial' | 'pipelined' | 'precomputed';
type BeforeRequest = (req: tus.HttpRequest) => Promise<void>;

const chunkSha256 = (data: Buffer, offset: number, chunkSize: number) => `sha256 ${createHash('sha256').update(data.subarray(offset, offset + chunkSize)).digest('base64')}`;

function checksumHeader(data: Buffer, chunkSize: number, mode: ChecksumMode): BeforeRequest {
  let checksumOf: (offset: number) => Promise<string | null>;
  if (mode === 'pipelined') checksumOf = pipelinedChunkChecksums(new Blob([data as Uint8Array<ArrayBuffer>]), chunkSize);
  else if (mode === 'serial') checksumOf = async (offset) => chunkSha256(data, offset, chunkSize);
  else {
    const byOffset = new Map<number, string>();
    for (let offset = 0; offset < data.length; offset += chunkSize) byOffset.set(offset, chunkSha256(data, offset, chunkSize));
    checksumOf = async (offset) => byOffset.get(offset) ?? chunkSha256(data, offset, chunkSize);
  }
  return async (req) => {
    if (req.getMethod() !== 'PATCH') return;
    const checksum = await checksumOf(Number(req.getHeader('Upload-Offset')));
    if (checksum) req.setHeader('Upload-Checksum', checksum);
  };
}

function upload(server: Server, data: Buffer, chunkSize: number | undefined, onBeforeRequest?: BeforeRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(data, {
      endpoint: server.endpoint,
      headers: server.headers,
      metadata: { name: 'bench.bin', filetype: 'application/octet-stream' },
      retryDelays: [],
      ...(chunkSize ? { chunkSize } : {}),
      ...(onBeforeRequest ? { onBeforeRequest } : {}),
      onSuccess: () => resolve(upload.url!),
      onError: reject,
    });
    upload.start();
  });
}

/** peakMiB: the process's peak RSS during the upload; growthMiB: that peak minus its RSS just before. */
type Sample = { mbps: number; peakMiB: number; growthMiB: number; cpuPerGiB: number };

async function measureUpload(server: Server, data: Buffer, chunkSize: number | undefined, verify: boolean, withChecksums: ChecksumMode | null = null): Promise<Sample> {
  const pid = server.child.pid!;
  const before = rssMiB(pid);
  resetPeak(pid);
  const cpu0 = cpuSeconds(pid);
  // BENCH_THREADS=1: where the server's CPU went, thread by thread (+0 is the main thread).
  const threads0 = process.env.BENCH_THREADS ? threadCpuSeconds(pid) : null;
  const onBeforeRequest = withChecksums && chunkSize ? checksumHeader(data, chunkSize, withChecksums) : undefined;
  const t0 = performance.now();
  const url = await upload(server, data, chunkSize, onBeforeRequest);
  const seconds = (performance.now() - t0) / 1000;
  const peakMiB = peakRssMiB(pid);
  const sample = { mbps: data.length / 1e6 / seconds, peakMiB, growthMiB: peakMiB - before, cpuPerGiB: ((cpuSeconds(pid) - cpu0) * (1024 * MiB)) / data.length };
  if (threads0) console.log(`  ${server.name} threads (tid-pid:s) ${threadCpuDelta(pid, threads0, threadCpuSeconds(pid))}`);
  const id = server.name === 'app' ? /\/api\/tus\/([0-9a-f]{32})\./.exec(url)![1]! : url.split('/').at(-1)!;
  const stored = path.join(server.uploadDir, id);
  if (verify) {
    const expected = createHash('sha256').update(data).digest('hex');
    const actual = createHash('sha256').update(fs.readFileSync(stored)).digest('hex');
    if (actual !== expected) throw new Error(`${server.name}: the stored bytes differ from the source`);
  }
  fs.rmSync(stored, { force: true });
  fs.rmSync(`${stored}.json`, { force: true });
  return sample;
}

async function benchUploads(app: Server, bare: Server): Promise<void> {
  console.log(`\n## Upload throughput: ${SIZE / MiB} MiB, ${ROUNDS} rounds, tus-js-client in this process, servers on loopback\n`);
  const data = randomBytes(SIZE);
  // --chunk-mib N: only that chunk size (a diagnostic: 1 MiB chunks magnify what each PATCH costs).
  const only = option('chunk-mib', 0);
  const modes: [string, number | undefined][] = only
    ? [[`${only} MiB chunks`, only * MiB]]
    : [['one PATCH', undefined], ['8 MiB chunks', 8 * MiB], ['50 MiB chunks', 50 * MiB]];
  const results = new Map<string, Sample[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [mode, chunk] of modes) {
      const order = round % 2 ? [bare, app] : [app, bare];
      for (const server of order) {
        const sample = await measureUpload(server, data, chunk, round === 0);
        const key = `${mode}|${server.name}`;
        results.set(key, [...(results.get(key) ?? []), sample]);
        console.log(
          `round ${round + 1} ${mode.padEnd(12)} ${server.name.padEnd(4)} ${sample.mbps.toFixed(0)} MB/s, peak RSS ${sample.peakMiB.toFixed(0)} MiB (+${sample.growthMiB.toFixed(0)} during the upload), CPU ${sample.cpuPerGiB.toFixed(2)} s/GiB`,
        );
      }
    }
  }
  console.log('\n' + row(['client', 'server', 'MB/s (median)', 'peak RSS MiB (max)', 'RSS growth during upload MiB (max)', 'CPU s/GiB (median)']));
  console.log(row(['---', '---', '---', '---', '---', '---']));
  for (const [mode] of modes) {
    for (const name of ['app', 'bare']) {
      const s = results.get(`${mode}|${name}`)!;
      console.log(row([mode, name, median(s.map((x) => x.mbps)), Math.max(...s.map((x) => x.peakMiB)), Math.max(...s.map((x) => x.growthMiB)), median(s.map((x) => x.cpuPerGiB))]));
    }
  }
  console.log('\n' + row(['client', 'app/bare MB/s (target ≥ 1.0)', 'app peak RSS MiB (target ≤ 250)', 'app − bare RSS growth MiB', 'app/bare CPU s/GiB (target ≤ 1.0)']));
  console.log(row(['---', '---', '---', '---', '---']));
  const max = (s: Sample[], key: 'peakMiB' | 'growthMiB') => Math.max(...s.map((x) => x[key]));
  for (const [mode] of modes) {
    const a = results.get(`${mode}|app`)!;
    const b = results.get(`${mode}|bare`)!;
    console.log(
      row([
        mode,
        median(a.map((x) => x.mbps)) / median(b.map((x) => x.mbps)),
        max(a, 'peakMiB'),
        max(a, 'growthMiB') - max(b, 'growthMiB'),
        median(a.map((x) => x.cpuPerGiB)) / median(b.map((x) => x.cpuPerGiB)),
      ]),
    );
  }
}

/**
 * Upload-Checksum on vs off: the app alone, 1 GiB in 8 MiB chunks, both modes back to back in
 * each round (order alternating), so that each pair shares the machine's state of the moment.
 * The ratios are the medians of the per-round ratios (this machine's speed drifts between
 * rounds far more than within a pair).
 */
async function benchChecksums(app: Server): Promise<void> {
  const rounds = Math.max(ROUNDS, 5);
  console.log(`\n## Checksums: the app, ${SIZE / MiB} MiB in 8 MiB chunks, without Upload-Checksum and with it (sha256: hashed serially, one chunk ahead as the uploader does, and before the upload as a device would: the server's cost alone), ${rounds} rounds in rotating order\n`);
  const data = randomBytes(SIZE);
  const variants = [null, 'serial', 'pipelined', 'precomputed'] as const;
  const label = (v: ChecksumMode | null) => (v === null ? 'without' : `with (${v})`);
  const samples = new Map<ChecksumMode | null, Sample[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length]!;
      const sample = await measureUpload(app, data, 8 * MiB, round === 0, variant);
      samples.get(variant)!.push(sample);
      console.log(`round ${round + 1} ${label(variant).padEnd(16)} ${sample.mbps.toFixed(0)} MB/s, server CPU ${sample.cpuPerGiB.toFixed(2)} s/GiB`);
    }
  }
  const plain = samples.get(null)!;
  console.log('\n' + row(['app, 8 MiB chunks', 'MB/s (median)', 'server CPU s/GiB (median)', 'MB/s with / without, median of paired ratios (target ≥ 0.90)', 'CPU with / without']));
  console.log(row(['---', '---', '---', '---', '---']));
  for (const variant of variants) {
    const s = samples.get(variant)!;
    const ratio = (key: 'mbps' | 'cpuPerGiB') => median(s.map((x, i) => x[key] / plain[i]![key]));
    console.log(row([label(variant), median(s.map((x) => x.mbps)), median(s.map((x) => x.cpuPerGiB)), variant ? ratio('mbps') : '—', variant ? ratio('cpuPerGiB') : '—']));
  }
}

function makeProcessingClip(): string {
  const file = path.join(WORK, 'clip-1080p-60MB.mp4');
  if (fs.existsSync(file)) return file;
  console.log('Making a 60 MB 1080p clip with ffmpeg (once; kept in bench/.work) ...');
  execFileSync('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=duration=30:size=1920x1080:rate=30',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '16M', '-maxrate', '16M', '-bufsize', '32M', '-pix_fmt', 'yuv420p', file,
  ]);
  return file;
}

async function benchProcessing(app: Server): Promise<void> {
  const file = makeProcessingClip();
  const data = fs.readFileSync(file);
  console.log(`\n## Processing: ${(data.length / 1e6).toFixed(1)} MB 1080p clip, last byte → ready, ${ROUNDS} rounds\n`);
  const bare: number[] = [];
  const appTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
    execFileSync('ffmpeg', ['-v', 'error', '-ss', '0', '-i', file, '-frames:v', '1', '-q:v', '3', '-y', path.join(WORK, 'thumb.jpg')]);
    // Since the encoding stage, ready also waits for the renditions: the bare side encodes the same ladder.
    bare.push(performance.now() - t0 + (await bareEncodeMs(file, WORK, 'veryfast')));

    const upload = await mintAndPatch(app, data);
    appTimes.push(await untilReady(app, upload.uid, upload.lastByteWall));
    console.log(`round ${round + 1}: bare ${bare.at(-1)!.toFixed(0)} ms, app ${appTimes.at(-1)!.toFixed(0)} ms`);
  }
  const b = median(bare);
  const a = median(appTimes);
  console.log('\n' + row(['bare ffprobe + thumbnail + encode (median ms)', 'app last byte → ready (median ms)', 'target 1.2 × bare + 100 ms', 'met']));
  console.log(row(['---', '---', '---', '---']));
  console.log(row([b, a, 1.2 * b + 100, a <= 1.2 * b + 100 ? 'yes' : 'no']));
}

async function main(): Promise<void> {
  fs.mkdirSync(WORK, { recursive: true });
  if (!fs.existsSync('.next/BUILD_ID') || !fs.existsSync('dist/server.js')) throw new Error('Run `npm run build` first: the bench measures the production server.');
  const app = await startAppServer();
  const bare = await startBareServer();
  const only = args.find((a) => a.startsWith('--only-'));
  const runs = (part: string, byDefault = true) => (only ? only === `--only-${part}` : byDefault && !args.includes(`--skip-${part}`));
  try {
    if (runs('upload')) await benchUploads(app, bare);
    if (runs('parallel')) await benchParallel(app, bare, ROUNDS);
    if (runs('checksums')) await benchChecksums(app);
    if (runs('processing')) await benchProcessing(app);
    if (runs('encoding', args.includes('--encoding'))) await benchEncoding(app, WORK, row);
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
  if (runs('scale-out')) await benchScaleOut(WORK, ROUNDS);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
