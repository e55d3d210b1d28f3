import fs from 'node:fs';
import path from 'node:path';
import { type AppServer, createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { getVideo } from '../fixtures/http';
import { redisEnv } from '../fixtures/redis';
import { countingFfmpeg, makePhoneClip, probeStream, settledVideo, uploadWhole } from '../fixtures/stream';
import { expect, test } from '../fixtures/test';

/** Encoding with two instances on one PostgreSQL catalog, one Redis and one upload folder. */

type Pair = { a: AppServer; b: AppServer; token: string; dir: string; encodes: ReturnType<typeof countingFfmpeg>; stop: () => Promise<void> };

async function startPair(dbEnv: Record<string, string>, options: { realtime: boolean }): Promise<Pair> {
  const dir = makeDataDir('encode-pair');
  const encodes = countingFfmpeg(dir, options);
  const redis = redisEnv();
  const env = {
    ...dbEnv,
    ...redis.env,
    UPLOAD_DIR: path.join(dir, 'shared-uploads'),
    AUTH_SECRET: 'encode-pair-secret-encode-pair-secret-0123',
    FFMPEG_PATH: encodes.path,
    ENCODE_PRESET: 'ultrafast',
  };
  const a = await startApp({ dataDir: path.join(dir, 'a'), env });
  const b = await startApp({ dataDir: path.join(dir, 'b'), env });
  const token = await createApiTokenWithCli(a, 'encode-pair');
  return {
    a,
    b,
    token,
    dir,
    encodes,
    stop: async () => {
      if (process.env.SHOW_APP_LOGS) console.log(`instance a:\n${a.logs()}\ninstance b:\n${b.logs()}`);
      await Promise.all([a.stop(), b.stop()]);
      await redis.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test.describe('encoding on several instances', () => {
  test.beforeEach(({ provider }) => test.skip(provider !== 'postgresql', 'the scale-out mode runs on PostgreSQL'));

  test('two instances encode each video exactly once, and either serves its stream', async ({ dbEnv }) => {
    const pair = await startPair(dbEnv, { realtime: false });
    try {
      const clip = fs.readFileSync(makePhoneClip(pair.dir, 'tiny-h264', 2));
      const uids: string[] = [];
      for (let i = 0; i < 6; i += 1) uids.push(await uploadWhole(i % 2 ? pair.b : pair.a, pair.token, clip));
      for (const uid of uids) expect((await settledVideo(pair.a, pair.token, uid)).status.state, uid).toBe('ready');
      // Give a second (wrong) encode time to show up.
      await new Promise((r) => setTimeout(r, 3_000));
      for (const uid of uids) expect(pair.encodes.encodesOf(uid), uid).toBe(1);
      const encoders = new Set(uids.flatMap((uid) => pair.encodes.encodersOf(uid)));
      expect([...encoders].every((pid) => pid === pair.a.child.pid || pid === pair.b.child.pid)).toBe(true);
      for (const app of [pair.a, pair.b]) {
        const probe = probeStream(`${app.baseUrl}/stream/${uids[0]}/manifest/video.m3u8`);
        expect(probe.videos[0]).toMatchObject({ codec: 'h264', width: 320, height: 240 });
      }
    } finally {
      await pair.stop();
    }
  });

  test('an instance SIGKILLed mid-encode: the other takes the claim over after its lease and finishes the video', async ({ dbEnv }) => {
    // Real-time input reading: the 4 s clip's encode lasts about 4 s.
    const pair = await startPair(dbEnv, { realtime: true });
    try {
      const uid = await uploadWhole(pair.a, pair.token, makePhoneClip(pair.dir, 'tiny-h264', 4));
      await expect
        .poll(async () => {
          const video = await getVideo(pair.a, pair.token, uid);
          return video.status.state === 'inprogress' && Number(video.status.pctComplete) > 0;
        }, { timeout: 60_000, intervals: [200] })
        .toBe(true);
      const [first] = pair.encodes.encodersOf(uid);
      const victim = first === pair.a.child.pid ? pair.a : pair.b;
      const survivor = victim === pair.a ? pair.b : pair.a;
      expect(first).toBe(victim.child.pid);
      await victim.kill();

      const video = await settledVideo(survivor, pair.token, uid, 120_000);
      expect(video.status).toMatchObject({ state: 'ready', pctComplete: '100' });
      expect(pair.encodes.encodersOf(uid)).toEqual([victim.child.pid, survivor.child.pid]);
      const probe = probeStream(video.playback.hls!);
      expect(Math.abs(probe.duration - 4)).toBeLessThanOrEqual(0.5);
      expect(probe.videos[0]).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p' });
      // Nothing of the killed attempt is left behind.
      const uploads = path.join(pair.dir, 'shared-uploads');
      expect(fs.readdirSync(uploads).filter((name) => name.startsWith(uid)).sort()).toEqual([uid, `${uid}.json`, `${uid}.stream`, `${uid}.thumbs`]);
    } finally {
      await pair.stop();
    }
  });
});
