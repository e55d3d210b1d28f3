import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { encodingDir, streamDir } from '@/lib/storage/stream-files';
import { uploadFilePath } from '@/lib/storage/upload-files';
import { encodeArgs } from './encode-args';
import { type Ladder, planLadder, AUDIO_BITRATE } from './encode-ladder';
import { percentDone } from './ffmpeg-progress';
import { finishPlaylists } from './finish-playlists';
import { MalformedVideoError, type ProbeResult, ToolTimeoutError } from './probe-video';
import { lastLine } from './run-tool';
import { runEncoder } from './run-encoder';
import type { Tools } from './tools';

/**
 * Encodes a video's upload into its stream folder: the ladder in one ffmpeg run, written to
 * `<uid>.encoding/<attempt>/` and renamed to `<uid>.stream/` only once whole. Returns the
 * renditions made (stored on the video as `renditions`).
 */

export type StoredRendition = { width: number; height: number; bandwidth: number };

/** The encode was stopped on purpose (the claim was lost, the app is stopping): nothing to record. */
export class EncodeAbortedError extends Error {
  override name = 'EncodeAbortedError';
}

/** The machine, not the file, failed: worth another attempt. */
const MACHINE_TROUBLE = /No space left on device|Cannot allocate memory|Too many open files|Permission denied/i;

export function encodeTimeLimitMs(duration: number): number {
  const env = getEnv();
  return env.processingTimeoutMs + Math.ceil(duration * env.encodeTimeoutFactor * 1000);
}

function describe(ladder: Ladder): StoredRendition[] {
  return ladder.renditions.map((r) => ({ width: r.width, height: r.height, bandwidth: r.maxBitrate + (ladder.hasAudio ? AUDIO_BITRATE : 0) }));
}

async function replaceStream(uid: string, work: string): Promise<void> {
  const target = streamDir(uid);
  // A stream left by an earlier attempt that died before `ready` is replaced whole.
  await fs.rm(target, { recursive: true, force: true });
  await fs.rename(work, target);
}

export async function encodeVideo(
  tools: Tools,
  uid: string,
  probe: ProbeResult,
  options: { signal?: AbortSignal; onPercent?: (pct: number) => void } = {},
): Promise<StoredRendition[]> {
  const env = getEnv();
  const ladder = planLadder(probe);
  const work = path.join(encodingDir(uid), `${Date.now()}-${randomBytes(4).toString('hex')}`);
  // This process holds the claim: what earlier attempts left (a crash, a lost claim) is theirs no more.
  await fs.rm(encodingDir(uid), { recursive: true, force: true });
  await fs.mkdir(work, { recursive: true });
  try {
    const timeoutMs = encodeTimeLimitMs(probe.duration);
    const result = await runEncoder(tools.ffmpeg, encodeArgs(uploadFilePath(uid), work, ladder, { preset: env.encodePreset, threads: env.encodeThreads }), {
      timeoutMs,
      stallMs: env.encodeStallMs,
      signal: options.signal,
      onProgress: (seconds, isEnd) => options.onPercent?.(percentDone(seconds, probe.duration, isEnd)),
    });
    if (result.stopped === 'aborted') throw new EncodeAbortedError('The encode was stopped.');
    if (result.stopped === 'timeout') throw new ToolTimeoutError(`Encoding did not finish within ${Math.round(timeoutMs / 1000)} s.`);
    if (result.stopped === 'stall') throw new ToolTimeoutError(`Encoding made no progress for ${Math.round(env.encodeStallMs / 1000)} s.`);
    if (result.spawnError) throw new Error(`ffmpeg could not run: ${result.spawnError}`);
    if (result.code !== 0) {
      const why = lastLine(result.stderr) || `ffmpeg exited with ${result.code}`;
      if (MACHINE_TROUBLE.test(result.stderr)) throw new Error(`Encoding failed on the server: ${why}`);
      console.warn(`Encoding ${uid} failed: ${why}`);
      throw new MalformedVideoError('The video could not be decoded: its picture data is damaged or in a form the encoder cannot read.');
    }
    await finishPlaylists(work, ladder);
    await replaceStream(uid, work);
    return describe(ladder);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
    // The parent goes too once no other attempt is writing in it.
    await fs.rmdir(encodingDir(uid)).catch(() => {});
  }
}
