import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { getVideo, streamUrl } from '../fixtures/http';
import { mediaDir } from '../fixtures/media';
import { countingFfmpeg, makePhoneClip, type PhoneClip, probeStream, settledVideo, startWorker, streamInfs, uploadWhole } from '../fixtures/stream';
import { expect, test } from '../fixtures/test';

/**
 * The encoding stage (CONTRACT section 7): every accepted upload becomes H.264/AAC HLS + DASH
 * over CMAF segments, upright, 8-bit SDR, with a ladder; served with Range and CORS.
 * Encoding is heavy on two cores: clips are ≤ 4 s and ≤ 720p, and this file runs on SQLite
 * only (the PostgreSQL part is the two-instance tests at the end).
 */

let dir: string;
test.beforeAll(() => {
  dir = mediaDir();
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const CLIPS: { kind: PhoneClip; title: string; upright: { width: number; height: number }; hasAudio: boolean }[] = [
  { kind: 'hevc-mov', title: 'an HEVC .mov (iPhone default)', upright: { width: 640, height: 360 }, hasAudio: true },
  { kind: 'rotated-h264', title: 'H.264 with a 90° rotation flag', upright: { width: 360, height: 640 }, hasAudio: true },
  { kind: 'hdr10-hevc', title: '10-bit HDR10 HEVC', upright: { width: 640, height: 360 }, hasAudio: true },
  { kind: 'silent-h264', title: 'H.264 without sound', upright: { width: 480, height: 270 }, hasAudio: false },
  { kind: 'h264-720p', title: '1280×720 H.264', upright: { width: 1280, height: 720 }, hasAudio: true },
];

test.describe('encoding', () => {
  test.beforeEach(({ provider }) => test.skip(provider === 'postgresql', 'encoding is tested on SQLite; PostgreSQL has the two-instance tests'));

  for (const clip of CLIPS) {
    test(`${clip.title} reaches ready and streams as upright 8-bit H.264 of the same length`, async ({ app, token }) => {
      const file = makePhoneClip(dir, clip.kind, 3);
      const uid = await uploadWhole(app, token, file, path.basename(file));
      const video = await settledVideo(app, token, uid);
      expect(video.status, JSON.stringify(video.status)).toMatchObject({ state: 'ready', pctComplete: '100' });
      expect(video.readyToStream).toBe(true);
      expect(Date.parse(video.readyToStreamAt ?? '')).toBeGreaterThan(0);
      expect(video.playback.hls).toBe(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`);
      expect(video.playback.dash).toBe(`${app.baseUrl}/stream/${uid}/manifest/video.mpd`);

      const hls = probeStream(video.playback.hls!);
      expect(hls.videos.length).toBeGreaterThan(0);
      for (const v of hls.videos) expect(v).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p' });
      const top = hls.videos.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
      expect({ width: top.width, height: top.height }).toEqual(clip.upright);
      // Every rendition keeps the upright orientation.
      for (const v of hls.videos) expect(v.height > v.width).toBe(clip.upright.height > clip.upright.width);
      expect(Math.abs(hls.duration - 3)).toBeLessThanOrEqual(0.5);
      expect(hls.audios).toEqual(clip.hasAudio ? [{ codec: 'aac' }] : []);

      const dash = probeStream(video.playback.dash!);
      expect(dash.videos.every((v) => v.codec === 'h264')).toBe(true);
      expect(Math.abs(dash.duration - 3)).toBeLessThanOrEqual(0.5);
    });
  }

  test('a 720p upload has at least two renditions with BANDWIDTH, RESOLUTION and CODECS, and aligned segments of at most 6 s', async ({ app, token }) => {
    const uid = await uploadWhole(app, token, makePhoneClip(dir, 'h264-720p', 4));
    const video = await settledVideo(app, token, uid);
    expect(video.status.state).toBe('ready');
    const master = await (await fetch(video.playback.hls!)).text();
    const infs = streamInfs(master);
    expect(infs.length).toBeGreaterThanOrEqual(2);
    for (const inf of infs) expect(inf).toMatch(/BANDWIDTH=\d+.*RESOLUTION=\d+x\d+.*CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"/);
    expect(infs.map((inf) => /RESOLUTION=(\d+x\d+)/.exec(inf)![1])).toEqual(['1280x720', '640x360']);

    // Same segment boundaries in every video rendition (keyframes aligned), none longer than 6 s.
    const uris = master.split('\n').filter((line) => line.endsWith('.m3u8'));
    const durations = await Promise.all(
      uris.map(async (uri) => {
        const playlist = await (await fetch(new URL(uri, video.playback.hls!))).text();
        expect(playlist).toContain('#EXT-X-ENDLIST');
        return playlist.split('\n').filter((l) => l.startsWith('#EXTINF:')).map((l) => Number(/#EXTINF:([\d.]+)/.exec(l)![1]));
      }),
    );
    for (const list of durations) for (const d of list) expect(d).toBeLessThanOrEqual(6);
    expect(durations[1]).toEqual(durations[0]);
    expect(durations[0]!.length).toBeGreaterThanOrEqual(1);
  });

  test('manifests and segments: content types, CORS for any origin, Range 206/416, immutable segments, 404 for unknown files', async ({ app, token }) => {
    const uid = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2));
    const video = await settledVideo(app, token, uid);
    expect(video.status.state).toBe('ready');
    const base = `${app.baseUrl}/stream/${uid}/manifest`;
    const origin = { Origin: 'https://player.example.net' };

    const master = await fetch(`${base}/video.m3u8`, { headers: origin });
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('access-control-allow-origin')).toBe('*');
    expect(master.headers.get('cache-control')).toMatch(/max-age=\d{1,3}\b/);
    const mpd = await fetch(`${base}/video.mpd`, { headers: origin });
    expect(mpd.headers.get('content-type')).toBe('application/dash+xml');
    expect(mpd.headers.get('access-control-allow-origin')).toBe('*');
    const mpdText = await mpd.text();
    expect(mpdText).toContain('<MPD');

    const media = await (await fetch(`${base}/media_0.m3u8`)).text();
    const segment = media.split('\n').find((line) => line.endsWith('.m4s') && !line.startsWith('#'))!;
    const whole = await fetch(`${base}/${segment}`, { headers: origin });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(whole.headers.get('access-control-allow-origin')).toBe('*');
    const size = (await whole.arrayBuffer()).byteLength;

    const part = await fetch(`${base}/${segment}`, { headers: { ...origin, Range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(`${base}/${segment}`, { headers: { Range: `bytes=${size}-` } })).status).toBe(416);

    const audio = /URI="(media_\d+\.m3u8)"/.exec(await (await fetch(`${base}/video.m3u8`)).text())![1]!;
    const audioInit = /#EXT-X-MAP:URI="([^"]+)"/.exec(await (await fetch(`${base}/${audio}`)).text())![1]!;
    expect((await fetch(`${base}/${audioInit}`)).headers.get('content-type')).toBe('audio/mp4');

    const preflight = await fetch(`${base}/video.m3u8`, { method: 'OPTIONS', headers: { ...origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('range');

    for (const name of ['nothing.m4s', '.hidden', 'video.m3u8.bak', '..%2F..%2Fetc%2Fpasswd']) {
      const res = await fetch(`${base}/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers.get('content-type'), name).toBe('application/json');
    }
    expect((await fetch(`${app.baseUrl}/stream/${'0'.repeat(32)}/manifest/video.m3u8`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/stream/not-a-uid/manifest/video.m3u8`)).status).toBe(404);
    const post = await fetch(`${base}/video.m3u8`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { success: boolean }).success).toBe(false);
  });

  test('undecodable bytes in a valid container end ERR_MALFORMED_VIDEO, and the manifest URL answers 404', async ({ app, token }) => {
    const good = fs.readFileSync(makePhoneClip(dir, 'tiny-h264', 3));
    const bad = Buffer.from(good);
    // Keep the header and the index (ffprobe is content), replace the picture data with noise.
    const mdat = bad.indexOf('mdat');
    for (let i = mdat + 64; i < bad.length; i += 1) bad[i] = (i * 7919) & 0xff;
    const uid = await uploadWhole(app, token, bad, 'noise.mp4');
    const video = await settledVideo(app, token, uid);
    expect(video.status.state).toBe('error');
    expect(video.status.errorReasonCode).toBe('ERR_MALFORMED_VIDEO');
    expect(video.readyToStream).toBe(false);
    expect(video.playback.hls).toBeUndefined();
    expect((await fetch(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/stream/${uid}/manifest/video.mpd`)).status).toBe(404);
    expect(fs.existsSync(path.join(app.dataDir, 'uploads', `${uid}.stream`))).toBe(false);
  });

  test('audio without video ends ERR_MALFORMED_VIDEO', async ({ app, token }) => {
    const file = path.join(dir, 'voice.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'aac', file]);
    const video = await settledVideo(app, token, await uploadWhole(app, token, file, 'voice.m4a'));
    expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
  });

  test('deleting a ready video removes its stream folder and its manifests answer 404', async ({ app, token }) => {
    const uid = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2));
    const video = await settledVideo(app, token, uid);
    expect(video.status.state).toBe('ready');
    const stream = path.join(app.dataDir, 'uploads', `${uid}.stream`);
    expect(fs.readdirSync(stream)).toEqual(expect.arrayContaining(['video.m3u8', 'video.mpd']));
    const res = await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(fs.existsSync(stream)).toBe(false);
    expect(fs.readdirSync(path.join(app.dataDir, 'uploads')).filter((name) => name.startsWith(uid))).toEqual([]);
    expect((await fetch(video.playback.hls!)).status).toBe(404);
  });

  test('pctComplete rises from 0 to 100 while the video is encoded', async () => {
    // An ffmpeg that reads its input in real time: a 4 s clip takes about 4 s to encode.
    const dataDir = makeDataDir('pct');
    const ffmpeg = countingFfmpeg(dataDir, { realtime: true });
    const app = await startApp({ dataDir, env: { FFMPEG_PATH: ffmpeg.path, ENCODE_PRESET: 'ultrafast' } });
    try {
      const token = await createApiTokenWithCli(app, 'pct');
      const uid = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 4));
      const seen: number[] = [];
      await expect
        .poll(
          async () => {
            const video = await getVideo(app, token, uid);
            if (video.status.state === 'inprogress') seen.push(Number(video.status.pctComplete));
            return video.status.state;
          },
          { timeout: 60_000, intervals: [200] },
        )
        .toBe('ready');
      expect((await getVideo(app, token, uid)).status.pctComplete).toBe('100');
      const between = [...new Set(seen.filter((pct) => pct > 0 && pct < 100))];
      expect(between.length, `pctComplete seen while inprogress: ${seen.join(', ')}`).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < seen.length; i += 1) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);
      expect(ffmpeg.encodesOf(uid)).toBe(1);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('bounded encodes', () => {
  test.beforeEach(({ provider }) => test.skip(provider === 'postgresql', 'the bounds are the same whatever the database'));

  test('an encode that reports no progress is stopped at ENCODE_STALL_SECONDS and, after 3 attempts, ends ERR_MALFORMED_VIDEO', async () => {
    const dataDir = makeDataDir('stall');
    const ffmpeg = countingFfmpeg(dataDir, { hang: true });
    const app = await startApp({ dataDir, env: { FFMPEG_PATH: ffmpeg.path, ENCODE_STALL_SECONDS: '5' } });
    try {
      const token = await createApiTokenWithCli(app, 'stall');
      const uid = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2));
      const video = await settledVideo(app, token, uid, 150_000);
      expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
      expect(video.status.errorReasonText).toMatch(/no progress for 5 s.*after 3 attempts/);
      expect(ffmpeg.encodesOf(uid)).toBe(3);
      expect((await fetch(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`)).status).toBe(404);
      expect(fs.readdirSync(path.join(dataDir, 'uploads')).filter((name) => name.startsWith(`${uid}.encoding`) || name.startsWith(`${uid}.stream`))).toEqual([]);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('the worker role', () => {
  test.beforeEach(({ provider }) => test.skip(provider === 'postgresql', 'one web process and one worker on SQLite'));

  test('with PROCESS_VIDEOS=false the web process encodes nothing; npm run worker encodes the upload', async () => {
    const dataDir = makeDataDir('worker');
    const ffmpeg = countingFfmpeg(dataDir, { realtime: false });
    const env = { FFMPEG_PATH: ffmpeg.path, ENCODE_PRESET: 'ultrafast' };
    const app = await startApp({ dataDir, env: { ...env, PROCESS_VIDEOS: 'false' } });
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const token = await createApiTokenWithCli(app, 'worker');
      const uid = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2));
      // The web process leaves it queued (its poll runs every 2 s: wait a few rounds).
      await new Promise((r) => setTimeout(r, 5_000));
      expect((await getVideo(app, token, uid)).status.state).toBe('queued');
      worker = await startWorker(app.env);
      const video = await settledVideo(app, token, uid);
      expect(video.status.state).toBe('ready');
      expect(ffmpeg.encodersOf(uid)).toEqual([worker.pid]);
      expect((await fetch(video.playback.hls!)).status).toBe(200);
    } finally {
      await worker?.stop();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('hostile media', () => {
  test.beforeEach(({ provider }) => test.skip(provider === 'postgresql', 'the tools are the same whatever the database'));

  test('an ffconcat "video" naming another upload\'s file never reaches ready and reads nothing of it', async ({ app, token }) => {
    const victim = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2), 'victim.mp4');
    expect((await settledVideo(app, token, victim)).status.state).toBe('ready');
    // The uploads share one folder; a relative name is a "safe" name to the concat demuxer.
    const script = Buffer.from(`ffconcat version 1.0\nfile ${victim}\n`);
    const uid = await uploadWhole(app, token, script, 'concat.mp4');

    // Control: without the app's whitelists, ffprobe on the stored script reads the victim's video.
    const stored = path.join(app.dataDir, 'uploads', uid);
    const unguarded = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', stored]).toString();
    expect(unguarded).toContain('h264');

    const video = await settledVideo(app, token, uid);
    expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
    expect(video.duration).toBe(-1);
    expect(video.input).toEqual({ width: -1, height: -1 });
    expect(video.status.errorReasonText).not.toContain(victim);
    expect((await fetch(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`)).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/stream/${uid}/thumbnails/thumbnail.jpg`)).status).toBe(404);
    expect(fs.existsSync(`${stored}.stream`)).toBe(false);
    expect(fs.existsSync(`${stored}.thumbs`)).toBe(false);
  });

  test('a DASH-manifest "video" pointing at another upload\'s file never reaches ready and reads nothing of it', async ({ app, token }) => {
    const victim = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2), 'victim.mp4');
    expect((await settledVideo(app, token, victim)).status.state).toBe('ready');
    const mpd = Buffer.from(
      `<?xml version="1.0" encoding="utf-8"?>
<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" mediaPresentationDuration="PT2S" minBufferTime="PT2S">
 <Period id="0" start="PT0S"><AdaptationSet id="0" contentType="video" mimeType="video/mp4">
  <Representation id="0" bandwidth="1000000" width="320" height="240" codecs="avc1.64001f">
   <SegmentTemplate timescale="1000" duration="2000" initialization="${victim}" media="${victim}" startNumber="1"/>
  </Representation>
 </AdaptationSet></Period>
</MPD>
`,
    );
    const uid = await uploadWhole(app, token, mpd, 'manifest.mp4');
    const video = await settledVideo(app, token, uid);
    expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
    expect(video.duration).toBe(-1);
    expect(video.input).toEqual({ width: -1, height: -1 });
    expect((await fetch(`${app.baseUrl}/stream/${uid}/manifest/video.m3u8`)).status).toBe(404);
    const stored = path.join(app.dataDir, 'uploads', uid);
    expect(fs.existsSync(`${stored}.stream`)).toBe(false);
  });

  test('an HLS playlist "video" is refused the same way', async ({ app, token }) => {
    const victim = await uploadWhole(app, token, makePhoneClip(dir, 'tiny-h264', 2), 'victim.mp4');
    expect((await settledVideo(app, token, victim)).status.state).toBe('ready');
    const playlist = Buffer.from(`#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${victim}\n#EXTINF:2.0,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n`);
    const video = await settledVideo(app, token, await uploadWhole(app, token, playlist, 'playlist.mp4'));
    expect(video.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_MALFORMED_VIDEO' });
    expect(video.duration).toBe(-1);
  });
});
