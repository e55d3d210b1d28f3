import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/process-singleton';
import { uploadFilePath } from '@/lib/storage/upload-files';
import { isMediaId } from '@/lib/universal/is-media-id';
import { clampThumbnailTime, defaultThumbnailSeconds, MAX_THUMBNAIL_HEIGHT, MIN_THUMBNAIL_HEIGHT, renderThumbnail, thumbnailFile } from './thumbnails';
import { MalformedVideoError } from './probe-video';
import { getTools } from './tools';

/**
 * `GET /stream/{uid}/thumbnails/thumbnail.jpg?time=2.5s&height=240`, like Cloudflare's:
 * no credentials (the uid is unguessable), once the video is ready. Frames are made once
 * and cached; identical requests share one render. At most two are made at a time per
 * process, with at most THUMBNAIL_QUEUE_LIMIT more waiting: past that a request is refused
 * with 503 and Retry-After at once, so a flood of distinct renders cannot queue without
 * bound and cached thumbnails (which never wait) stay fast.
 */

const MAX_RENDERS_AT_ONCE = 2;

export type ThumbnailRequest = { seconds: number | null; height: number | null };

export function readThumbnailQuery(params: URLSearchParams): ThumbnailRequest {
  const time = params.get('time');
  const height = params.get('height');
  let seconds: number | null = null;
  if (time !== null) {
    const match = /^(\d+(?:\.\d+)?)(s|ms)?$/.exec(time.trim());
    if (!match) throw new AppError('BAD_REQUEST', `time must look like 2.5s (got "${time.slice(0, 40)}").`);
    seconds = Number(match[1]) / (match[2] === 'ms' ? 1000 : 1);
  }
  let pixels: number | null = null;
  if (height !== null) {
    pixels = Number(height);
    if (!/^\d+$/.test(height) || pixels < MIN_THUMBNAIL_HEIGHT || pixels > MAX_THUMBNAIL_HEIGHT) {
      throw new AppError('BAD_REQUEST', `height must be a whole number of pixels from ${MIN_THUMBNAIL_HEIGHT} to ${MAX_THUMBNAIL_HEIGHT}.`);
    }
    // Even heights keep encoders happy with 4:2:0 video.
    pixels = Math.round(pixels / 2) * 2;
  }
  return { seconds, height: pixels };
}

const slots = processSingleton('thumbnail-slots', () => ({ active: 0, waiting: [] as (() => void)[], inFlight: new Map<string, Promise<void>>() }));

const RETRY_AFTER_SECONDS = 2;

async function withSlot<T>(task: () => Promise<T>): Promise<T> {
  if (slots.active >= MAX_RENDERS_AT_ONCE) {
    if (slots.waiting.length >= getEnv().limits.thumbnailQueueLimit) {
      throw new AppError('UNAVAILABLE', 'Too many thumbnails are being made right now. Try again in a moment.', { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
    await new Promise<void>((resolve) => slots.waiting.push(resolve));
  }
  slots.active += 1;
  try {
    return await task();
  } finally {
    slots.active -= 1;
    slots.waiting.shift()?.();
  }
}

type FrameSource = { duration: number; height: number; thumbnailTimestampPct: number };

/** What ready videos' frames are made from, remembered per process for the edge's admission check. */
const readyVideos = processSingleton('thumbnail-ready-videos', () => new Map<string, FrameSource>());
const MAX_REMEMBERED = 10_000;

function frameFor(uid: string, video: FrameSource, request: ThumbnailRequest): { file: string; seconds: number; height: number | null } {
  const seconds = request.seconds === null ? defaultThumbnailSeconds(video.duration, video.thumbnailTimestampPct) : clampThumbnailTime(request.seconds, video.duration);
  // The video's own height means no scaling: share the cache file.
  const height = request.height === video.height ? null : request.height;
  return { file: thumbnailFile(uid, Math.round(seconds * 1000), height), seconds, height };
}

/** The JPEG's path on disk, made if needed. */
export async function thumbnailFor(uid: string, request: ThumbnailRequest): Promise<string> {
  const video = isMediaId(uid)
    ? await getDb().video.findUnique({ where: { uid }, select: { state: true, duration: true, height: true, thumbnailTimestampPct: true } })
    : null;
  if (!video || video.state !== 'ready') throw new AppError('NOT_FOUND', 'No thumbnail: the video does not exist or is not ready yet.');
  if (readyVideos.size >= MAX_REMEMBERED) readyVideos.clear();
  readyVideos.set(uid, video);
  const { file, seconds, height } = frameFor(uid, video, request);
  if (await fs.stat(file).then(() => true, () => false)) return file;

  let rendering = slots.inFlight.get(file);
  if (!rendering) {
    rendering = withSlot(async () => {
      const tools = await getTools();
      if (!tools) throw new AppError('UNAVAILABLE', 'Thumbnails cannot be made right now: ffmpeg is not installed on the server.');
      await renderThumbnail(tools, uploadFilePath(uid), file, seconds, height, getEnv().processingTimeoutMs).catch((error: unknown) => {
        // A frame the decoder cannot make is the video's fault, not the server's: the client is told why.
        if (error instanceof MalformedVideoError) throw new AppError('UNPROCESSABLE', `No frame could be made at that time: ${error.message}`);
        throw error;
      });
    }).finally(() => slots.inFlight.delete(file));
    slots.inFlight.set(file, rendering);
  }
  await rendering;
  return file;
}

const THUMBNAIL_PATH = /^\/stream\/([^/]+)\/thumbnails\/thumbnail\.jpg$/;
const admission = processSingleton('thumbnail-admission', () => ({ uncached: 0 }));

/**
 * The render bound at the server.ts edge, before Next: a request for a frame that is not known
 * to be cached counts as a render to come. Past MAX_RENDERS_AT_ONCE + THUMBNAIL_QUEUE_LIMIT of
 * those in flight it is refused at once (503, Retry-After) without reaching Next's router, so a
 * flood of distinct renders costs next to nothing and the app's other requests, cached
 * thumbnails included, stay fast. Returns null when the request may go on (call `release` when
 * it ends), or the refusal.
 */
export function admitThumbnailRequest(path: string, search: string): { release: () => void } | AppError | null {
  const match = THUMBNAIL_PATH.exec(path);
  if (!match) return null;
  const uid = match[1]!;
  const video = readyVideos.get(uid);
  if (video) {
    try {
      if (existsSync(frameFor(uid, video, readThumbnailQuery(new URLSearchParams(search))).file)) return null;
    } catch {
      return null; // A malformed query: the route answers 400.
    }
  }
  if (admission.uncached >= MAX_RENDERS_AT_ONCE + getEnv().limits.thumbnailQueueLimit) {
    return new AppError('UNAVAILABLE', 'Too many thumbnails are being made right now. Try again in a moment.', { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
  admission.uncached += 1;
  let released = false;
  return {
    release: () => {
      if (released) return;
      released = true;
      admission.uncached -= 1;
    },
  };
}
