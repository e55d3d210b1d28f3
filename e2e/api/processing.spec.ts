import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/test';
import { type AppServer } from '../fixtures/app-server';
import { type Envelope, getVideo, metadata, mintOk, patch, type VideoJson } from '../fixtures/http';
import { cutInHalf, makeClip, mediaDir, probeSize } from '../fixtures/media';
import { startTusUpload } from '../fixtures/tus';

type Ready = VideoJson & { duration: number; input: { width: number; height: number }; readyToStream: boolean; thumbnail: string; playback: Record<string, string> };

let dir: string;
const clips: Record<string, string> = {};

test.beforeAll(() => {
  dir = mediaDir();
  clips.three = makeClip(dir, 'three.mp4', { seconds: 3 });
  clips.five = makeClip(dir, 'five.mp4', { seconds: 5 });
  clips.half = cutInHalf(clips.five, path.join(dir, 'half.mp4'));
  clips.shortFaststart = cutInHalf(makeClip(dir, 'fast.mp4', { seconds: 5, faststart: true }), path.join(dir, 'half-faststart.mp4'));
  clips.random = path.join(dir, 'random.mp4');
  fs.writeFileSync(clips.random, Buffer.from(Array.from({ length: 50_000 }, () => Math.floor(Math.random() * 256))));
  clips.text = path.join(dir, 'notes.txt');
  fs.writeFileSync(clips.text, 'This is not a video.\n'.repeat(100));
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function upload(app: AppServer, token: string, file: string, meta: Record<string, string> = {}): Promise<string> {
  const data = fs.readFileSync(file);
  const { uid, location } = await mintOk(app, token, {
    'Upload-Length': String(data.length),
    'Upload-Metadata': metadata({ name: path.basename(file), filetype: 'video/mp4', ...meta }),
  });
  expect((await patch(location, 0, data)).status).toBe(204);
  return uid;
}

async function settled(app: AppServer, token: string, uid: string): Promise<Ready> {
  await expect.poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: 60_000 }).toMatch(/^(ready|error)$/);
  return (await getVideo(app, token, uid)) as Ready;
}

test.describe('processing', () => {
  test('a 3 s H.264 clip becomes ready with duration, size and a thumbnail of the requested height', async ({ app, token }) => {
    const data = fs.readFileSync(clips.three!);
    const run = startTusUpload(data, {
      endpoint: `${app.baseUrl}/client/v4/accounts/local/stream?direct_user=true`,
      headers: { Authorization: `Bearer ${token}` },
      metadata: { name: 'three.mp4', filetype: 'video/mp4' },
    });
    const { mediaId } = await run.done;
    const video = await settled(app, token, mediaId!);
    expect(video.status.state).toBe('ready');
    expect(Math.abs(video.duration - 3)).toBeLessThanOrEqual(0.1);
    expect(video.input).toEqual({ width: 320, height: 240 });
    expect(video.readyToStream).toBe(true);
    expect(video.status.pctComplete).toBe('100');
    expect(video.playback.original).toContain(`/stream/${mediaId}/original`);

    // No credentials: the uid is the secret, like Cloudflare's thumbnails.
    for (const [query, height] of [['', 240], ['?height=120', 120], ['?time=2.5s&height=100', 100]] as const) {
      const res = await fetch(`${video.thumbnail}${query}`);
      expect(res.status, query).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      const jpeg = path.join(dir, `thumb-${height}.jpg`);
      fs.writeFileSync(jpeg, Buffer.from(await res.arrayBuffer()));
      expect(probeSize(jpeg)).toMatchObject({ height, codec: 'mjpeg' });
    }
    expect((await fetch(`${video.thumbnail}?height=99999`)).status).toBe(400);
    expect((await fetch(`${video.thumbnail}?time=soon`)).status).toBe(400);
  });

  test('maxDurationSeconds 2 with a 5 s clip ends in ERR_DURATION_EXCEED_CONSTRAINT naming both durations', async ({ app, token }) => {
    const uid = await upload(app, token, clips.five!, { maxDurationSeconds: '2' });
    const video = await settled(app, token, uid);
    expect(video.status.state).toBe('error');
    expect(video.status.errorReasonCode).toBe('ERR_DURATION_EXCEED_CONSTRAINT');
    expect(video.status.errorReasonText).toMatch(/5(\.\d)? s/);
    expect(video.status.errorReasonText).toMatch(/2 s/);
    expect((await fetch(video.thumbnail)).status).toBe(404);
  });

  for (const name of ['random', 'text', 'half', 'shortFaststart'] as const) {
    test(`${name} bytes end in ERR_MALFORMED_VIDEO and the app stays healthy`, async ({ app, token }) => {
      const uid = await upload(app, token, clips[name]!);
      const video = await settled(app, token, uid);
      expect(video.status.state).toBe('error');
      expect(video.status.errorReasonCode).toBe('ERR_MALFORMED_VIDEO');
      expect(video.status.errorReasonText.length).toBeGreaterThan(10);
      // Written for people: no server path, no tool output.
      expect(video.status.errorReasonText).not.toMatch(/\/|ffprobe|ffmpeg|Invalid data|moov atom/i);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
      // The original stays downloadable for the admin to look at.
      expect((await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/${uid}/original`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    });
  }

  test('thumbnailTimestampPct picks the default frame', async ({ app, token }) => {
    const uid = await upload(app, token, clips.five!, { thumbnailtimestamppct: '0.5' });
    const video = await settled(app, token, uid);
    expect(video.status.state).toBe('ready');
    const atPct = Buffer.from(await (await fetch(video.thumbnail)).arrayBuffer());
    const atHalf = Buffer.from(await (await fetch(`${video.thumbnail}?time=${video.duration * 0.5}s`)).arrayBuffer());
    const atStart = Buffer.from(await (await fetch(`${video.thumbnail}?time=0s`)).arrayBuffer());
    expect(atPct.equals(atHalf)).toBe(true);
    expect(atPct.equals(atStart)).toBe(false);
  });

  test('the list filters by state once processed', async ({ app, token }) => {
    const uid = await upload(app, token, clips.three!);
    await settled(app, token, uid);
    const res = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream?status=ready&limit=1000`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await res.json()) as Envelope<VideoJson[]>).result.map((v) => v.uid)).toContain(uid);
  });
});
