import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Files go under the unit tests' temporary DATA_DIR (playwright.config.ts).
const { buildDownload, DownloadBuildError } = await import('./build-download');
const { downloadDir, streamDir } = await import('@/lib/storage/stream-files');
const { getEnv } = await import('@/lib/env');
const UIDS = ['a', 'b', 'c'].map((c) => c.repeat(32));

const tools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

/** Top-level MP4 boxes in file order. */
function boxOrder(file: string): string[] {
  const data = fs.readFileSync(file);
  const names: string[] = [];
  for (let at = 0; at + 8 <= data.length; ) {
    let size = data.readUInt32BE(at);
    names.push(data.toString('latin1', at + 4, at + 8));
    if (size === 1) size = Number(data.readBigUInt64BE(at + 8));
    if (size < 8) break;
    at += size;
  }
  return names;
}

/** Renditions as the encoder writes them: ffmpeg's dash muxer with HLS playlists over CMAF segments. */
function encodeLadder(uid: string): void {
  const dir = streamDir(uid);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=duration=3:size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=duration=3',
    '-map', '0:v', '-map', '0:v', '-map', '1:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-s:v:0', '320x240', '-s:v:1', '160x120', '-b:v:0', '400k', '-b:v:1', '150k', '-c:a', 'aac', '-g', '25',
    '-f', 'dash', '-seg_duration', '1', '-hls_playlist', 'true', '-hls_master_name', 'video.m3u8',
    '-adaptation_sets', 'id=0,streams=v id=1,streams=a', path.join(dir, 'video.mpd'),
  ]);
}

test.beforeAll(() => {
  // Never a real upload folder: the settings are shared with every unit test file of this worker.
  expect(getEnv().uploadDir.startsWith(os.tmpdir()), `UPLOAD_DIR ${getEnv().uploadDir} is not a temporary folder`).toBe(true);
});
test.afterAll(() => {
  for (const uid of UIDS) for (const dir of [streamDir(uid), downloadDir(uid)]) fs.rmSync(dir, { recursive: true, force: true });
});

test.describe('building an MP4 download from the renditions', () => {
  test('the top rendition and its audio are remuxed, without re-encoding, into a faststart MP4', async () => {
    const uid = 'a'.repeat(32);
    encodeLadder(uid);
    const progress: number[] = [];
    const file = await buildDownload(uid, tools, { timeoutMs: 60_000, onProgress: (pct) => progress.push(pct) });
    const boxes = boxOrder(file);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect(boxes).not.toContain('moof');
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name,width,height:format=duration', '-of', 'json', file]).toString()) as {
      streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
      format: { duration: string };
    };
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe('aac');
    expect(Math.abs(Number(probe.format.duration) - 3)).toBeLessThan(0.5);
    expect(progress.at(-1)).toBe(100);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['default.mp4']);
  });

  test('a playlist that names a file outside the stream folder is refused, and nothing is written', async () => {
    const uid = 'b'.repeat(32);
    const dir = streamDir(uid);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'video.m3u8'), '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmedia.m3u8\n');
    fs.writeFileSync(path.join(dir, 'media.m3u8'), '#EXTM3U\n#EXT-X-MAP:URI="../other/init.mp4"\n#EXTINF:1,\nseg.m4s\n');
    await expect(buildDownload(uid, tools, { timeoutMs: 10_000 })).rejects.toBeInstanceOf(DownloadBuildError);
    expect(fs.existsSync(path.join(downloadDir(uid), 'default.mp4'))).toBe(false);
  });

  test('a video without renditions is refused with a clear message', async () => {
    await expect(buildDownload('c'.repeat(32), tools, { timeoutMs: 10_000 })).rejects.toThrow(/no encoded renditions/);
  });
});
