import fs from 'node:fs/promises';
import path from 'node:path';
import { countThumbnailRender } from '@/lib/metrics/metrics';
import { uploadFilePath } from '@/lib/storage/upload-files';
import { mediaInputOptions, mediaInputPath } from './media-input';
import { MalformedVideoError, ToolTimeoutError } from './probe-video';
import { lastLine, runTool } from './run-tool';
import type { Tools } from './tools';

/**
 * JPEG thumbnails, made by ffmpeg once and cached next to the upload in `<uid>.thumbs/`.
 * Requests name a time and a height (Cloudflare's `time` and `height`); both are bounded,
 * and so is the number of cached files per video.
 */

export const MAX_THUMBNAIL_HEIGHT = 2160;
export const MIN_THUMBNAIL_HEIGHT = 16;
const MAX_CACHED_PER_VIDEO = 100;

export function thumbnailDir(uid: string): string {
  return `${uploadFilePath(uid)}.thumbs`;
}

/** The cache file for a frame: time in whole milliseconds, height or "src" for the video's own size. */
export function thumbnailFile(uid: string, timeMs: number, height: number | null): string {
  return path.join(thumbnailDir(uid), `${timeMs}-${height ?? 'src'}.jpg`);
}

/** A time that has a frame: never past the last one. */
export function clampThumbnailTime(seconds: number, duration: number): number {
  return Math.max(0, Math.min(seconds, duration - 0.1));
}

/** Seek before the input: fast, and exact enough for a still frame. */
function frameArgs(seconds: number, source: string): string[] {
  return ['-ss', seconds.toFixed(3), ...mediaInputOptions(), '-i', mediaInputPath(source)];
}

async function hasBytes(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.size > 0, () => false);
}

async function evictOldest(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  if (names.length < MAX_CACHED_PER_VIDEO) return;
  const stats = await Promise.all(names.map(async (name) => ({ name, mtime: (await fs.stat(path.join(dir, name)).catch(() => null))?.mtimeMs ?? 0 })));
  stats.sort((a, b) => a.mtime - b.mtime);
  await Promise.all(stats.slice(0, names.length - MAX_CACHED_PER_VIDEO + 1).map((s) => fs.rm(path.join(dir, s.name), { force: true })));
}

function scale(height: number | null): string[] {
  return height === null ? [] : ['-vf', `scale=-2:${height}`];
}

/** Renders one frame to `target` (written whole or not at all). */
export async function renderThumbnail(tools: Tools, source: string, target: string, seconds: number, height: number | null, timeoutMs: number): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  await evictOldest(path.dirname(target));
  const partial = `${target}.${process.pid}.${Date.now()}.part.jpg`;
  const result = await runTool(
    tools.ffmpeg,
    ['-v', 'error', ...frameArgs(seconds, source), '-map', '0:v:0', '-frames:v', '1', ...scale(height), '-q:v', '3', '-y', partial],
    timeoutMs,
  );
  countThumbnailRender(result.code === 0 && !result.timedOut ? 'ok' : 'error');
  if (result.timedOut) throw new ToolTimeoutError(`ffmpeg did not finish within ${Math.round(timeoutMs / 1000)} s.`);
  if (result.code !== 0 || !(await hasBytes(partial))) {
    await fs.rm(partial, { force: true });
    throw new MalformedVideoError(`No picture could be decoded at ${seconds.toFixed(2)} s: the video's picture data is damaged there.`, lastLine(result.stderr) || 'ffmpeg made no image');
  }
  await fs.rename(partial, target);
}

/** The frame a video's `thumbnail` URL shows by default: `thumbnailTimestampPct` of its duration. */
export function defaultThumbnailSeconds(duration: number, pct: number): number {
  return clampThumbnailTime(duration * pct, duration);
}
