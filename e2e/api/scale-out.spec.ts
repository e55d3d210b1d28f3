import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type AppServer, createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { getVideo, head, metadata, mintOk, patch } from '../fixtures/http';
import { countingFfprobe, makeClip } from '../fixtures/media';
import { redisEnv } from '../fixtures/redis';
import { startRoundRobinProxy } from '../fixtures/round-robin-proxy';
import { slowPatch } from '../fixtures/slow-patch';
import { expect, test } from '../fixtures/test';
import { randomFile, sha256, startTusUpload } from '../fixtures/tus';
import { startReceiver } from '../fixtures/webhook-receiver';

/** Several instances on one catalog, one Redis and one upload folder, behind a plain load balancer. */

const MiB = 1024 * 1024;
const LOCK_TTL_MS = 10_000;

type Cluster = { a: AppServer; b: AppServer; token: string; dataDir: string; stop: () => Promise<void> };

async function startCluster(dbEnv: Record<string, string>, extra: Record<string, string> = {}): Promise<Cluster> {
  const dataDir = makeDataDir('cluster');
  const redis = redisEnv();
  // One upload folder (a shared volume in production), one catalog, one Redis.
  const env = { ...dbEnv, ...redis.env, UPLOAD_DIR: path.join(dataDir, 'shared-uploads'), AUTH_SECRET: 'cluster-secret-cluster-secret-cluster-secret', CLEANUP_INTERVAL_SECONDS: '1', ...extra };
  const a = await startApp({ dataDir: path.join(dataDir, 'a'), env });
  const b = await startApp({ dataDir: path.join(dataDir, 'b'), env });
  const token = await createApiTokenWithCli(a, 'cluster');
  return {
    a,
    b,
    token,
    dataDir,
    stop: async () => {
      await Promise.all([a.stop(), b.stop()]);
      await redis.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function onInstance(location: string, app: AppServer): string {
  const url = new URL(location);
  url.port = String(app.port);
  return url.toString();
}

function storedFile(cluster: Cluster, uid: string): Buffer {
  return fs.readFileSync(path.join(cluster.dataDir, 'shared-uploads', uid));
}

test.describe('several instances', () => {
  test.beforeEach(({ provider }) => test.skip(provider !== 'postgresql', 'the scale-out mode runs on PostgreSQL'));

  test('an upload whose PATCHes alternate between two instances completes byte-exact', async ({ dbEnv }) => {
    const cluster = await startCluster(dbEnv);
    const proxy = await startRoundRobinProxy([cluster.a.port, cluster.b.port]);
    try {
      const data = randomFile(24 * MiB);
      const run = startTusUpload(data, {
        endpoint: `${proxy.baseUrl}/client/v4/accounts/local/stream?direct_user=true`,
        headers: { Authorization: `Bearer ${cluster.token}` },
        chunkSize: 2 * MiB,
        metadata: { name: 'alternating.bin' },
      });
      const { mediaId } = await run.done;
      expect(run.patchOffsets).toHaveLength(12);
      expect(proxy.served(cluster.a.port)).toBeGreaterThanOrEqual(6);
      expect(proxy.served(cluster.b.port)).toBeGreaterThanOrEqual(6);
      expect(sha256(storedFile(cluster, mediaId!))).toBe(sha256(data));
      const original = await fetch(`${proxy.baseUrl}/client/v4/accounts/local/stream/${mediaId}/original`, { headers: { Authorization: `Bearer ${cluster.token}` } });
      expect(sha256(Buffer.from(await original.arrayBuffer()))).toBe(sha256(data));
    } finally {
      await proxy.close();
      await cluster.stop();
    }
  });

  test('two PATCHes at once on different instances: the newer wins at once and the file is never corrupted', async ({ dbEnv }) => {
    const cluster = await startCluster(dbEnv);
    try {
      const data = randomFile(16 * MiB);
      const { uid, location } = await mintOk(cluster.a, cluster.token, { 'Upload-Length': String(data.length) });
      const older = slowPatch(onInstance(location, cluster.a), 0, data, 64 * 1024, 5);
      await expect.poll(() => fs.statSync(path.join(cluster.dataDir, 'shared-uploads', uid)).size).toBeGreaterThan(0);
      const started = Date.now();
      const newer = await patch(onInstance(location, cluster.b), 0, data);
      // B took the lock from A (over Redis) well before A's body could have finished.
      expect(newer.status).toBe(409);
      expect(Date.now() - started).toBeLessThan(5_000);
      const olderStatus = await older;
      expect(olderStatus === 'reset' || (olderStatus >= 400 && olderStatus < 500)).toBe(true);
      const offset = Number((await head(onInstance(location, cluster.b))).headers.get('upload-offset'));
      expect(sha256(storedFile(cluster, uid).subarray(0, offset))).toBe(sha256(data.subarray(0, offset)));
      expect((await patch(onInstance(location, cluster.b), offset, data.subarray(offset))).status).toBe(204);
      expect(sha256(storedFile(cluster, uid))).toBe(sha256(data));
    } finally {
      await cluster.stop();
    }
  });

  test('an instance killed mid-PATCH: the client resumes through the other within the lock expiry', async ({ dbEnv }) => {
    const cluster = await startCluster(dbEnv);
    const proxy = await startRoundRobinProxy([cluster.a.port, cluster.b.port]);
    try {
      const data = randomFile(48 * MiB);
      const proxied = { ...cluster.a, baseUrl: proxy.baseUrl };
      const { uid, location } = await mintOk(proxied, cluster.token, { 'Upload-Length': String(data.length) });
      let killedAt = 0;
      const run = startTusUpload(data, {
        uploadUrl: location,
        retryDelays: [0, 500, 1000, 1000, 2000, 2000, 4000],
        onShouldRetry: () => true,
        onProgressFraction: (fraction) => {
          if (killedAt || fraction < 0.3) return;
          // Kill whichever instance is receiving the PATCH right now.
          const port = proxy.inFlight('PATCH');
          const victim = [cluster.a, cluster.b].find((app) => app.port === port);
          if (!victim) return;
          killedAt = Date.now();
          void victim.kill();
        },
      });
      await run.done;
      expect(killedAt).toBeGreaterThan(0);
      expect(Date.now() - killedAt).toBeLessThan(LOCK_TTL_MS + 8_000);
      expect(sha256(storedFile(cluster, uid))).toBe(sha256(data));
      await expect.poll(async () => (await getVideo(proxied, cluster.token, uid)).status.state).not.toBe('pendingupload');
    } finally {
      await proxy.close();
      await cluster.stop();
    }
  });

  test('a PATCH with a wrong Upload-Checksum on one instance answers 460; the other instance sees the old offset and takes the right bytes', async ({ dbEnv }) => {
    const cluster = await startCluster(dbEnv);
    try {
      const data = randomFile(2 * MiB);
      const half = data.length / 2;
      const { uid, location } = await mintOk(cluster.a, cluster.token, { 'Upload-Length': String(data.length) });
      const digest = (bytes: Buffer) => `sha256 ${createHash('sha256').update(bytes).digest('base64')}`;
      expect((await patch(onInstance(location, cluster.a), 0, data.subarray(0, half), { 'Upload-Checksum': digest(data.subarray(0, half)) })).status).toBe(204);
      const damaged = Buffer.from(data.subarray(half));
      damaged[0] = damaged[0]! ^ 1;
      expect((await patch(onInstance(location, cluster.b), half, damaged, { 'Upload-Checksum': digest(data.subarray(half)) })).status).toBe(460);
      expect((await head(onInstance(location, cluster.a))).headers.get('upload-offset')).toBe(String(half));
      expect(sha256(storedFile(cluster, uid))).toBe(sha256(data.subarray(0, half)));
      expect((await patch(onInstance(location, cluster.a), half, data.subarray(half), { 'Upload-Checksum': digest(data.subarray(half)) })).status).toBe(204);
      expect(sha256(storedFile(cluster, uid))).toBe(sha256(data));
      expect((await getVideo(cluster.b, cluster.token, uid)).sha256).toBe(sha256(data));
    } finally {
      await cluster.stop();
    }
  });

  test('with two instances each video is processed once and each expired upload cleaned once', async ({ dbEnv }) => {
    const dir = makeDataDir('cluster-media');
    const probe = countingFfprobe(dir, { delaySeconds: 0.3 });
    const clip = fs.readFileSync(makeClip(dir, 'clip.mp4', { seconds: 2 }));
    const cluster = await startCluster(dbEnv, { FFPROBE_PATH: probe.path });
    const receiver = await startReceiver();
    const proxy = await startRoundRobinProxy([cluster.a.port, cluster.b.port]);
    try {
      const put = await fetch(`${proxy.baseUrl}/client/v4/accounts/local/stream/webhook`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${cluster.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ notificationUrl: receiver.url }),
      });
      receiver.setSecret(((await put.json()) as { result: { secret: string } }).result.secret);
      const proxied = { ...cluster.a, baseUrl: proxy.baseUrl };
      const ready: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { uid, location } = await mintOk(proxied, cluster.token, { 'Upload-Length': String(clip.length) });
        expect((await patch(location, 0, clip)).status).toBe(204);
        ready.push(uid);
      }
      const expiry = new Date(Date.now() + 2_000).toISOString();
      const expired: string[] = [];
      for (let i = 0; i < 6; i++) expired.push((await mintOk(proxied, cluster.token, { 'Upload-Metadata': metadata({ expiry }) })).uid);

      await expect.poll(() => receiver.notices.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(12);
      await new Promise((r) => setTimeout(r, 3_000));
      for (const uid of ready) {
        expect(probe.probesOf(uid), uid).toBe(1);
        expect(receiver.notices.filter((n) => n.body.uid === uid).map((n) => n.body.status.state)).toEqual(['ready']);
      }
      for (const uid of expired) {
        expect(receiver.notices.filter((n) => n.body.uid === uid).map((n) => n.body.status.errorReasonCode)).toEqual(['ERR_UPLOAD_EXPIRED']);
      }
      expect(receiver.notices.every((n) => n.signatureValid)).toBe(true);
    } finally {
      await proxy.close();
      await receiver.close();
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('an instance without REDIS_URL', () => {
  test('refuses to start beside a live instance, naming it; starts once the other stops', async ({ dbEnv }) => {
    const dataDir = makeDataDir('refuse');
    const env = { ...dbEnv, UPLOAD_DIR: path.join(dataDir, 'uploads') };
    const first = await startApp({ dataDir: path.join(dataDir, 'a'), env });
    try {
      const refused = startApp({ dataDir: path.join(dataDir, 'a'), env });
      await expect(refused).rejects.toThrow(/Another Upstream instance is running on this database/);
      await expect(refused).rejects.toThrow(new RegExp(`pid ${first.child.pid}`));
      await expect(refused).rejects.toThrow(/REDIS_URL/);
      await first.stop();
      const second = await startApp({ dataDir: path.join(dataDir, 'a'), env });
      await second.stop();
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('an instance elsewhere blocks it while its heartbeat is fresh, not once it is stale', async ({ dbEnv, provider }) => {
    test.skip(provider !== 'postgresql', 'rows are written with pg');
    const dataDir = makeDataDir('stale');
    const client = new pg.Client({ connectionString: dbEnv.DATABASE_URL });
    // Migrate by starting once, then play another host's instance in the table.
    const app = await startApp({ dataDir, env: dbEnv });
    await app.stop();
    await client.connect();
    try {
      await client.query(`INSERT INTO "Instance" (id, host, pid, "usesRedis", "heartbeatAt") VALUES ('other', 'other-host', 4242, false, now())`);
      await expect(startApp({ dataDir, env: dbEnv })).rejects.toThrow(/other-host pid 4242/);
      await client.query(`UPDATE "Instance" SET "heartbeatAt" = now() - interval '1 minute' WHERE id = 'other'`);
      const started = await startApp({ dataDir, env: dbEnv });
      await started.stop();
    } finally {
      await client.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
