import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { lastLine, runTool } from '@/lib/processing/run-tool';
import type { Tools } from '@/lib/processing/tools';
import { downloadDir, downloadFile, HLS_MASTER, streamDir } from '@/lib/storage/stream-files';
import { readMediaPlaylist, readTopRendition } from './read-playlists';

/**
 * Makes a video's MP4 download from its top rendition without a second encode: each track's
 * CMAF init segment and media segments are concatenated (a fragmented MP4), then ffmpeg
 * remuxes them with `-c copy -movflags +faststart` (moov before mdat, plays while it
 * downloads). ffmpeg opens only those local files as MP4. The result is written under a
 * temporary name and renamed into place, so `default.mp4` is always whole.
 */

export class DownloadBuildError extends Error {}

const MP4_FORMATS = 'mov,mp4,m4a,3gp,3g2,mj2';

/** A playlist's URI as a file inside the stream folder; anything else (a URL, `..`, an absolute path) is refused. */
function resolveInside(root: string, fromDir: string, uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.includes('\\') || uri.includes('?')) {
    throw new DownloadBuildError(`The playlist names a file outside the video's stream folder: "${uri.slice(0, 80)}".`);
  }
  const file = path.resolve(fromDir, uri);
  if (!file.startsWith(root + path.sep)) throw new DownloadBuildError(`The playlist names a file outside the video's stream folder: "${uri.slice(0, 80)}".`);
  return file;
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    throw new DownloadBuildError(`The video has no encoded renditions to make a download from (${path.basename(file)} is missing).`);
  }
}

async function trackFiles(root: string, playlist: string): Promise<string[]> {
  const file = resolveInside(root, root, playlist);
  const { init, segments } = readMediaPlaylist(await readText(file));
  if (segments.length === 0) throw new DownloadBuildError(`The rendition ${playlist} has no segments.`);
  const dir = path.dirname(file);
  return [...(init ? [resolveInside(root, dir, init)] : []), ...segments.map((name) => resolveInside(root, dir, name))];
}

async function concatenate(files: string[], target: string, onBytes: (bytes: number) => void): Promise<void> {
  const out = await fs.open(target, 'w');
  try {
    for (const file of files) {
      for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
        await out.write(chunk as Buffer);
        onBytes((chunk as Buffer).length);
      }
    }
  } finally {
    await out.close();
  }
}

async function totalBytes(files: string[]): Promise<number> {
  const sizes = await Promise.all(files.map((file) => fs.stat(file).then((s) => s.size)));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Builds `<uid>.download/default.mp4`; `onProgress` gets 0..100. Returns the file's path. */
export async function buildDownload(uid: string, tools: Tools, options: { timeoutMs: number; onProgress?: (pct: number) => void }): Promise<string> {
  const root = path.resolve(streamDir(uid));
  const top = readTopRendition(await readText(path.join(root, HLS_MASTER)));
  if (!top) throw new DownloadBuildError('The master playlist names no rendition.');
  const tracks = [await trackFiles(root, top.video), ...(top.audio ? [await trackFiles(root, top.audio)] : [])];

  const dir = downloadDir(uid);
  await fs.mkdir(dir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const parts = tracks.map((_, i) => path.join(dir, `track${i}-${tag}.part.mp4`));
  const output = path.join(dir, `default-${tag}.part.mp4`);
  try {
    const total = (await totalBytes(tracks.flat())) || 1;
    let done = 0;
    let reported = -1;
    const onBytes = (bytes: number) => {
      done += bytes;
      const pct = Math.floor((done / total) * 80);
      if (pct !== reported) options.onProgress?.((reported = pct));
    };
    for (const [i, files] of tracks.entries()) await concatenate(files, parts[i]!, onBytes);

    const inputs = parts.flatMap((part) => ['-protocol_whitelist', 'file', '-format_whitelist', MP4_FORMATS, '-f', 'mp4', '-i', `file:${part}`]);
    const maps = parts.length > 1 ? ['-map', '0:v:0', '-map', '1:a:0'] : ['-map', '0:v:0', '-map', '0:a:0?'];
    const result = await runTool(
      tools.ffmpeg,
      ['-v', 'error', '-nostdin', ...inputs, ...maps, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', output],
      options.timeoutMs,
    );
    if (result.timedOut) throw new DownloadBuildError(`ffmpeg did not finish the download within ${Math.round(options.timeoutMs / 1000)} s.`);
    if (result.code !== 0) throw new DownloadBuildError(`ffmpeg could not remux the rendition (${lastLine(result.stderr) || `exit ${result.code}`}).`);
    const target = downloadFile(uid);
    await fs.rename(output, target);
    options.onProgress?.(100);
    return target;
  } finally {
    await Promise.all([...parts, output].map((file) => fs.rm(file, { force: true })));
  }
}
