import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeArgs } from '@/lib/processing/encode-args';
import { planLadder } from '@/lib/processing/encode-ladder';
import { probeVideo } from '@/lib/processing/probe-video';
import { NICENESS } from '@/lib/processing/run-encoder';

/**
 * `npm run bench -- --encoding`: the encoding stage.
 * 1. Encode time: the app (last byte → ready, so probe, thumbnail and truncation check are
 *    counted against it) vs the bare ffmpeg command line with the same ladder and options
 *    (`nice -n 10 ffmpeg …`, as the app runs it) on the same 60 s 1080p clip. Target ≤ 1.10×.
 * 2. Last byte → ready for that clip and for a 10 s clip (users wait for short clips).
 * 3. Upload throughput, 1 GiB in one PATCH, while an encode runs vs idle. Target ≥ 0.8×.
 */

export type BenchApp = { port: number; endpoint: string; headers: Record<string, string> };
type Row = (cells: (string | number)[]) => string;

const MiB = 1024 * 1024;

function makeClip(work: string, seconds: number): string {
  const file = path.join(work, `clip-1080p-${seconds}s.mp4`);
  if (fs.existsSync(file)) return file;
  console.log(`Making a ${seconds} s 1080p clip with sound (once; kept in bench/.work) ...`);
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=duration=${seconds}:size=1920x1080:rate=30`,
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '12M', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
  ]);
  return file;
}

export async function bareEncodeMs(file: string, work: string, preset: string): Promise<number> {
  const probe = await probeVideo({ ffprobe: 'ffprobe', ffmpeg: 'ffmpeg' }, file, 60_000);
  const out = path.join(work, `bare-${randomBytes(3).toString('hex')}`);
  fs.mkdirSync(out, { recursive: true });
  const args = encodeArgs(file, out, planLadder(probe), { preset, threads: Math.max(1, Math.min(16, os.availableParallelism())) });
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('nice', ['-n', String(NICENESS), 'ffmpeg', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`bare ffmpeg exited with ${code}`))));
  });
  const ms = performance.now() - t0;
  fs.rmSync(out, { recursive: true, force: true });
  return ms;
}

export async function mintAndPatch(app: BenchApp, data: Buffer): Promise<{ uid: string; lastByte: number; lastByteWall: number; seconds: number }> {
  const mint = await fetch(app.endpoint, { method: 'POST', headers: { ...app.headers, 'Tus-Resumable': '1.0.0', 'Upload-Length': String(data.length) } });
  if (mint.status !== 201) throw new Error(`mint answered ${mint.status}`);
  const uid = mint.headers.get('stream-media-id')!;
  const t0 = performance.now();
  const res = await fetch(mint.headers.get('location')!, {
    method: 'PATCH',
    headers: { 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
    body: data as unknown as BodyInit,
  });
  const lastByte = performance.now();
  const lastByteWall = Date.now();
  if (res.status !== 204) throw new Error(`PATCH answered ${res.status}`);
  return { uid, lastByte, lastByteWall, seconds: (lastByte - t0) / 1000 };
}

type Status = { state: string; pctComplete: string; readyToStreamAt: string | null };

async function state(app: BenchApp, uid: string): Promise<Status> {
  const video = (await (await fetch(`http://127.0.0.1:${app.port}/client/v4/accounts/local/stream/${uid}`, { headers: app.headers })).json()) as {
    result: { status: { state: string; pctComplete: string }; readyToStreamAt: string | null };
  };
  return { ...video.result.status, readyToStreamAt: video.result.readyToStreamAt };
}

/**
 * Polled every POLL_MS (a status page's pace; polling every few ms would itself take CPU from the
 * niced encoder), but timed by the server's own `readyToStreamAt` against the wall clock at the
 * last byte (same machine), so the poll interval adds no error. Prints when each phase was seen.
 */
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 250);

export async function untilReady(app: BenchApp, uid: string, lastByteWall: number): Promise<number> {
  let seen = '';
  for (;;) {
    const status = await state(app, uid);
    const phase = status.state === 'inprogress' ? (Number(status.pctComplete) > 0 ? 'encoding' : 'inprogress 0 %') : status.state;
    if (phase !== seen) {
      seen = phase;
      console.log(`  seen ${((Date.now() - lastByteWall) / 1000).toFixed(1)} s after the last byte: ${phase}`);
    }
    if (status.state === 'ready') return Date.parse(status.readyToStreamAt!) - lastByteWall;
    if (status.state === 'error') throw new Error(`encoding failed: ${JSON.stringify(status)}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

async function deleteVideo(app: BenchApp, uid: string): Promise<void> {
  await fetch(`http://127.0.0.1:${app.port}/client/v4/accounts/local/stream/${uid}`, { method: 'DELETE', headers: app.headers });
}

export async function benchEncoding(app: BenchApp, work: string, row: Row, preset = 'veryfast'): Promise<void> {
  const long = makeClip(work, 60);
  const short = makeClip(work, 10);
  console.log(`\n## Encoding (preset ${preset}, ${os.availableParallelism()} cores, nice ${NICENESS}); the machine may be shared: numbers are of this one run\n`);

  const rows: (string | number)[][] = [];
  for (const [name, file] of [['60 s 1080p', long], ['10 s 1080p', short]] as const) {
    const data = fs.readFileSync(file);
    // Bare first, then the app, back to back on the same file.
    const bare = await bareEncodeMs(file, work, preset);
    const upload = await mintAndPatch(app, data);
    const appMs = await untilReady(app, upload.uid, upload.lastByteWall);
    console.log(`${name}: bare ffmpeg ${(bare / 1000).toFixed(1)} s, app last byte → ready ${(appMs / 1000).toFixed(1)} s`);
    rows.push([name, `${(data.length / 1e6).toFixed(0)} MB`, bare / 1000, appMs / 1000, appMs / bare]);
    await deleteVideo(app, upload.uid);
  }
  console.log('\n' + row(['clip', 'size', 'bare ffmpeg, same ladder (s)', 'app: last byte → ready (s)', 'app / bare (target ≤ 1.10)']));
  console.log(row(['---', '---', '---', '---', '---']));
  for (const r of rows) console.log(row(r));

  // Upload throughput, idle vs while the 60 s clip is being encoded.
  const big = randomBytes(1024 * MiB);
  const idle = await mintAndPatch(app, big);
  await deleteVideo(app, idle.uid);
  const encoding = await mintAndPatch(app, fs.readFileSync(long));
  for (;;) {
    const status = await state(app, encoding.uid);
    if (status.state === 'inprogress' && Number(status.pctComplete) > 0) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const busy = await mintAndPatch(app, big);
  const stillEncoding = (await state(app, encoding.uid)).state === 'inprogress';
  await deleteVideo(app, busy.uid);
  await deleteVideo(app, encoding.uid);
  const idleMbps = big.length / 1e6 / idle.seconds;
  const busyMbps = big.length / 1e6 / busy.seconds;
  console.log('\n' + row(['1 GiB, one PATCH', 'idle MB/s', 'while encoding MB/s', 'ratio (target ≥ 0.8)', 'encode still running at the end']));
  console.log(row(['---', '---', '---', '---', '---']));
  console.log(row(['app', idleMbps, busyMbps, busyMbps / idleMbps, stillEncoding ? 'yes' : 'no']));
}
