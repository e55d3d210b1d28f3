import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeCmafLadder } from '../../e2e/fixtures/cmaf-ladder';
import { makeClip, mediaDir } from '../../e2e/fixtures/media';
import { probeMp4, readTopLevelBoxes } from '../../e2e/fixtures/mp4-file';

// Files go under the unit tests' temporary DATA_DIR (playwright.config.ts).
const { buildDownload, DownloadBuildError } = await import('./build-download');
const { downloadDir, streamDir } = await import('@/lib/storage/stream-files');
const { getEnv } = await import('@/lib/env');
const UIDS = ['a', 'b', 'c'].map((c) => c.repeat(32));
let media: string;

const tools = { ffmpeg: 'ffmpeg', ffprobe: 'ffprobe' };

test.beforeAll(() => {
  // Never a real upload folder: the settings are shared with every unit test file of this worker.
  expect(getEnv().uploadDir.startsWith(os.tmpdir()), `UPLOAD_DIR ${getEnv().uploadDir} is not a temporary folder`).toBe(true);
  media = mediaDir();
});
test.afterAll(() => {
  if (media) fs.rmSync(media, { recursive: true, force: true });
  for (const uid of UIDS) for (const dir of [streamDir(uid), downloadDir(uid)]) fs.rmSync(dir, { recursive: true, force: true });
});

test.describe('building an MP4 download from the renditions', () => {
  test('the top rendition and its audio are remuxed, without re-encoding, into a faststart MP4', async () => {
    const uid = 'a'.repeat(32);
    await encodeCmafLadder(makeClip(media, 'clip.mp4', { seconds: 3 }), streamDir(uid));
    const progress: number[] = [];
    const file = await buildDownload(uid, tools, { timeoutMs: 60_000, onProgress: (pct) => progress.push(pct) });
    const boxes = readTopLevelBoxes(file);
    expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    expect(boxes).not.toContain('moof');
    const probe = probeMp4(file);
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
