import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';
import { runTool } from './run-tool';
import { log } from '@/lib/log/logger';

/** ffprobe and ffmpeg: Debian's `ffmpeg` package on PATH, or FFPROBE_PATH / FFMPEG_PATH. */

export type Tools = { ffprobe: string; ffmpeg: string };

export const TOOLS_MISSING_NOTE = 'Waiting for processing: ffprobe/ffmpeg is not installed on the server (install Debian\'s "ffmpeg" package, or set FFPROBE_PATH and FFMPEG_PATH).';

const RECHECK_MS = 60_000;

async function findTools(): Promise<Tools | null> {
  const env = getEnv();
  const tools = { ffprobe: env.ffprobePath, ffmpeg: env.ffmpegPath };
  const [probe, mpeg] = await Promise.all([runTool(tools.ffprobe, ['-version'], 10_000), runTool(tools.ffmpeg, ['-version'], 10_000)]);
  return probe.code === 0 && mpeg.code === 0 ? tools : null;
}

const found = processSingleton('ffmpeg-tools', () => ({ tools: null as Tools | null, checkedAt: 0, warned: false }));

/** The tools when both run, else null; a miss is looked at again after a minute (installing ffmpeg needs no restart). */
export async function getTools(): Promise<Tools | null> {
  if (found.tools || Date.now() - found.checkedAt < RECHECK_MS) return found.tools;
  found.checkedAt = Date.now();
  found.tools = await findTools();
  if (!found.tools && !found.warned) {
    found.warned = true;
    const env = getEnv();
    log.warn(`Warning: ffprobe/ffmpeg not found (${env.ffprobePath}, ${env.ffmpegPath}). Uploads work; videos wait in "queued" until it is installed.`);
  }
  return found.tools;
}
