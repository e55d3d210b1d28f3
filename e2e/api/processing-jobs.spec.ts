import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/test';
import { type AppServer, createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { type Envelope, getVideo, metadata, mintOk, patch, signIn } from '../fixtures/http';
import { countingFfprobe, makeClip, mediaDir } from '../fixtures/media';
import { redisEnv } from '../fixtures/redis';
import { setWebhook, startReceiver } from '../fixtures/webhook-receiver';

/** Processing and webhooks across restarts and processes: each test runs its own app(s). */

const ADMIN = { ADMIN_EMAIL: 'ops@example.com', ADMIN_PASSWORD: 'ops-password-1' };
let dir: string;
let clip: string;
let longClip: string;

test.beforeAll(() => {
  dir = mediaDir();
  clip = makeClip(dir, 'clip.mp4', { seconds: 2 });
  longClip = makeClip(dir, 'long.mp4', { seconds: 4 });
});
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function upload(app: AppServer, token: string, file: string, meta: Record<string, string> = {}): Promise<string> {
  const data = fs.readFileSync(file);
  const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ name: path.basename(file), ...meta }) });
  expect((await patch(location, 0, data)).status).toBe(204);
  return uid;
}

async function state(app: AppServer, token: string, uid: string): Promise<string> {
  return (await getVideo(app, token, uid)).status.state;
}

function cleanup(...apps: AppServer[]) {
  return async () => {
    await Promise.all(apps.map((a) => a.stop()));
  };
}

test.describe('processing jobs and webhooks', () => {
  test('signed notices for ready and error; a failing receiver gets it on the third try; the log shows every attempt', async ({ dbEnv }) => {
    const dataDir = makeDataDir('hooks');
    const app = await startApp({ dataDir, env: { ...dbEnv, ...ADMIN, WEBHOOK_RETRY_BASE_SECONDS: '1' } });
    const receiver = await startReceiver({ failFirst: 2 });
    try {
      const token = await createApiTokenWithCli(app, 'hooks');
      receiver.setSecret(await setWebhook(app, token, receiver.url));
      const get = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/webhook`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await get.json()) as Envelope<{ secret: string }>).result.secret).toMatch(/^[0-9a-f]{64}$/);

      // One after the other, so that the receiver's two failures both fall on the first notice.
      const ready = await upload(app, token, clip);
      await expect.poll(() => receiver.notices.length, { timeout: 60_000 }).toBe(1);
      expect(receiver.requestCount()).toBe(3);
      const failed = await upload(app, token, longClip, { maxDurationSeconds: '1' });
      await expect.poll(() => receiver.notices.length, { timeout: 60_000 }).toBe(2);
      expect(receiver.requestCount()).toBe(4);
      const byUid = Object.fromEntries(receiver.notices.map((n) => [n.body.uid, n]));
      expect(byUid[ready]!.signatureValid).toBe(true);
      expect(byUid[ready]!.body.status.state).toBe('ready');
      expect(byUid[ready]!.body).not.toHaveProperty('success');
      expect(byUid[failed]!.signatureValid).toBe(true);
      expect(byUid[failed]!.body.status).toMatchObject({ state: 'error', errorReasonCode: 'ERR_DURATION_EXCEED_CONSTRAINT' });

      const admin = await signIn(app.baseUrl, ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD);
      const log = (await (await fetch(`${app.baseUrl}/api/admin/webhook-deliveries`, { headers: { Cookie: admin } })).json()) as Envelope<
        { videoUid: string; state: string; attempts: { attempt: number; status: number | null }[] }[]
      >;
      const attempts = log.result.flatMap((d) => d.attempts.map((a) => a.status));
      expect(attempts.sort()).toEqual([200, 200, 503, 503]);
      expect(log.result.every((d) => d.state === 'delivered')).toBe(true);
      // The ready notice failed twice and went through on the third try; the error notice on its first.
      const attemptsOf = (uid: string) => log.result.find((d) => d.videoUid === uid)?.attempts.map(({ attempt, status }) => ({ attempt, status }));
      expect(attemptsOf(ready)).toEqual([
        { attempt: 1, status: 503 },
        { attempt: 2, status: 503 },
        { attempt: 3, status: 200 },
      ]);
      expect(attemptsOf(failed)).toEqual([{ attempt: 1, status: 200 }]);

      const del = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/webhook`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
      expect(del.status).toBe(200);
      expect((await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/webhook`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
      const bad = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/webhook`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ notificationUrl: 'ftp://example.com/x' }),
      });
      expect(bad.status).toBe(400);
    } finally {
      await receiver.close();
      await cleanup(app)();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('killed while a video is inprogress: after a restart the video ends ready, processed once', async ({ dbEnv }) => {
    const dataDir = makeDataDir('killproc');
    const slow = countingFfprobe(dataDir, { delaySeconds: 30 });
    let app = await startApp({ dataDir, env: { ...dbEnv, FFPROBE_PATH: slow.path } });
    const receiver = await startReceiver();
    try {
      const token = await createApiTokenWithCli(app, 'killproc');
      receiver.setSecret(await setWebhook(app, token, receiver.url));
      const uid = await upload(app, token, clip);
      await expect.poll(() => state(app, token, uid)).toBe('inprogress');
      await app.kill();
      const counting = countingFfprobe(dataDir, { delaySeconds: 0 });
      app = await startApp({ dataDir, port: app.port, env: { ...dbEnv, FFPROBE_PATH: counting.path } });
      await expect.poll(() => state(app, token, uid), { timeout: 60_000 }).toBe('ready');
      await expect.poll(() => receiver.notices.filter((n) => n.body.uid === uid).length).toBe(1);
      // One probe by the killed process, one by the restarted one: a single successful run.
      expect(counting.probesOf(uid)).toBe(2);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(receiver.notices.filter((n) => n.body.uid === uid && n.body.status.state === 'ready')).toHaveLength(1);
    } finally {
      await receiver.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('two app processes on one database process each video exactly once', async ({ dbEnv }) => {
    const dataDir = makeDataDir('twoproc');
    const probe = countingFfprobe(dataDir, { delaySeconds: 0.5 });
    // Two instances on one catalog need shared upload locks (they refuse to start without).
    const redis = redisEnv();
    const env = { FFPROBE_PATH: probe.path, ...redis.env };
    const first = await startApp({ dataDir, env: { ...dbEnv, ...env } });
    const second = await startApp({ dataDir, env: { ...dbEnv, ...env } });
    try {
      const token = await createApiTokenWithCli(first, 'twoproc');
      const uids: string[] = [];
      for (let i = 0; i < 8; i++) uids.push(await upload(i % 2 ? second : first, token, clip));
      for (const uid of uids) await expect.poll(() => state(first, token, uid), { timeout: 60_000 }).toBe('ready');
      for (const uid of uids) expect(probe.probesOf(uid), uid).toBe(1);
      const logs = first.logs() + second.logs();
      expect(logs).not.toMatch(/Processing .* failed/);
    } finally {
      await cleanup(first, second)();
      await redis.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('without ffmpeg the app serves and uploads; videos wait in queued with a reason', async ({ dbEnv }) => {
    const dataDir = makeDataDir('noffmpeg');
    const app = await startApp({ dataDir, env: { ...dbEnv, FFPROBE_PATH: '/nonexistent/ffprobe', FFMPEG_PATH: '/nonexistent/ffmpeg' } });
    try {
      const token = await createApiTokenWithCli(app, 'noffmpeg');
      const uid = await upload(app, token, clip);
      await expect.poll(async () => (await getVideo(app, token, uid)) as unknown as { processingNote: string | null }).toMatchObject({
        status: { state: 'queued' },
        processingNote: expect.stringMatching(/ffmpeg is not installed/),
      });
      expect(app.logs().match(/ffprobe\/ffmpeg not found/g)).toHaveLength(1);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
