import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type AppServer, createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { type Envelope, getVideo, head, metadata, mintOk, mintWithToken, newUser, patch, signUp, streamUrl } from '../fixtures/http';
import { makeClip, mediaDir } from '../fixtures/media';
import { redisEnv } from '../fixtures/redis';
import { attemptSignIn } from '../fixtures/sign-in-attempt';
import { expect, test } from '../fixtures/test';
import { randomFile, sha256 } from '../fixtures/tus';

/** CONTRACT §9: rate limits, quotas, the disk guard, bounded renders, pruned failed rows. */

const MiB = 1024 * 1024;

async function withApp(env: Record<string, string>, run: (app: AppServer) => Promise<void>): Promise<void> {
  const dataDir = makeDataDir('limits');
  const app = await startApp({ dataDir, env });
  try {
    await run(app);
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function errorMessage(res: Response): Promise<string> {
  return ((await res.json()) as Envelope).errors[0]?.message ?? '';
}

test.describe('sign-in throttling', () => {
  test('after N failures for one account the next attempt is 429 with Retry-After, and even the right password is refused', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, SIGN_IN_FAILURES_PER_ACCOUNT: '3' }, async (app) => {
      const { email } = await newUser(app);
      for (let i = 0; i < 3; i++) {
        const attempt = await attemptSignIn(app.baseUrl, email, 'wrong-password');
        expect(attempt.status).not.toBe(429);
        expect(attempt.cookie).toBeNull();
      }
      const throttled = await attemptSignIn(app.baseUrl, email, 'wrong-password');
      expect(throttled.status).toBe(429);
      expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
      expect(JSON.parse(throttled.body).errors[0].message).toMatch(/too many failed sign-in attempts/i);

      const right = await attemptSignIn(app.baseUrl, email, 'password123');
      expect(right.status).toBe(429);
      expect(right.cookie).toBeNull();
    });
  });

  test('failures from one address across many accounts (known or not) are throttled too', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, SIGN_IN_FAILURES_PER_ADDRESS: '4' }, async (app) => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await attemptSignIn(app.baseUrl, `nobody${i}@example.com`, 'guess')).status);
      expect(statuses.slice(0, 4)).not.toContain(429);
      expect(statuses[4]).toBe(429);
    });
  });

  test('successful sign-ins do not count against the address', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, SIGN_IN_FAILURES_PER_ADDRESS: '2' }, async (app) => {
      const { email } = await newUser(app);
      for (let i = 0; i < 4; i++) expect((await attemptSignIn(app.baseUrl, email, 'password123')).cookie).not.toBeNull();
    });
  });

  test('two instances share the limit (PostgreSQL + Redis)', async ({ provider, dbEnv }) => {
    test.skip(provider !== 'postgresql', 'the scale-out mode runs on PostgreSQL');
    const redis = redisEnv();
    const dataDir = makeDataDir('limits-cluster');
    const env = { ...dbEnv, ...redis.env, AUTH_SECRET: 'cluster-secret-cluster-secret-cluster-secret', SIGN_IN_FAILURES_PER_ACCOUNT: '4' };
    const a = await startApp({ dataDir: path.join(dataDir, 'a'), env });
    const b = await startApp({ dataDir: path.join(dataDir, 'b'), env });
    try {
      const { email } = await newUser(a);
      for (const app of [a, b, a, b]) expect((await attemptSignIn(app.baseUrl, email, 'wrong')).status).not.toBe(429);
      expect((await attemptSignIn(a.baseUrl, email, 'wrong')).status).toBe(429);
      expect((await attemptSignIn(b.baseUrl, email, 'password123')).status).toBe(429);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await redis.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('sign-up and mint rate limits', () => {
  test('sign-ups per address: past the limit 429 with Retry-After, and no account is made', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, SIGN_UPS_PER_ADDRESS_PER_HOUR: '2' }, async (app) => {
      expect((await signUp(app.baseUrl, 'one@example.com', 'password123')).status).toBe(201);
      expect((await signUp(app.baseUrl, 'two@example.com', 'password123')).status).toBe(201);
      const third = await signUp(app.baseUrl, 'three@example.com', 'password123');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await attemptSignIn(app.baseUrl, 'three@example.com', 'password123')).cookie).toBeNull();
    });
  });

  test('mints per API token and per user: past the limit 429 with Retry-After, nothing stored', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, MINTS_PER_MINUTE: '2' }, async (app) => {
      const token = await createApiTokenWithCli(app, 'rate');
      await mintOk(app, token);
      await mintOk(app, token);
      const before = fs.readdirSync(path.join(app.dataDir, 'uploads')).length;
      const refused = await mintWithToken(app, token);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await errorMessage(refused)).toMatch(/too many uploads/i);
      expect(fs.readdirSync(path.join(app.dataDir, 'uploads')).length).toBe(before);

      const user = await newUser(app);
      const mint = () => fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: user.cookie, 'Upload-Length': '10' } });
      expect((await mint()).status).toBe(201);
      expect((await mint()).status).toBe(201);
      expect((await mint()).status).toBe(429);
    });
  });
});

test.describe('quotas per user', () => {
  test('uploads pending at once: the mint past the quota is refused naming the limit, nothing stored', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, MAX_PENDING_UPLOADS_PER_USER: '2' }, async (app) => {
      const user = await newUser(app);
      const mint = () => fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: user.cookie, 'Upload-Length': '10' } });
      expect((await mint()).status).toBe(201);
      expect((await mint()).status).toBe(201);
      const before = fs.readdirSync(path.join(app.dataDir, 'uploads')).sort();
      const refused = await mint();
      expect(refused.status).toBe(429);
      expect(await errorMessage(refused)).toContain('MAX_PENDING_UPLOADS_PER_USER');
      expect(fs.readdirSync(path.join(app.dataDir, 'uploads')).sort()).toEqual(before);
      const mine = await fetch(streamUrl(app), { headers: { Cookie: user.cookie } });
      expect(((await mine.json()) as Envelope<unknown[]>).result).toHaveLength(2);
    });
  });

  test('bytes stored: the mint that would pass the quota is refused naming the limit, nothing stored', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, MAX_STORED_BYTES_PER_USER: '1000' }, async (app) => {
      const user = await newUser(app);
      const mint = (size: number) => fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: user.cookie, 'Upload-Length': String(size) } });
      expect((await mint(600)).status).toBe(201);
      const before = fs.readdirSync(path.join(app.dataDir, 'uploads')).sort();
      const refused = await mint(500);
      expect(refused.status).toBe(403);
      expect(await errorMessage(refused)).toContain('MAX_STORED_BYTES_PER_USER');
      expect(fs.readdirSync(path.join(app.dataDir, 'uploads')).sort()).toEqual(before);
      expect((await mint(400)).status).toBe(201);
    });
  });

  test('admins see each user\'s usage on /admin', async ({ app, adminCookie }) => {
    const user = await newUser(app);
    expect((await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: user.cookie, 'Upload-Length': '1234' } })).status).toBe(201);
    const page = await (await fetch(`${app.baseUrl}/admin`, { headers: { Cookie: adminCookie } })).text();
    expect(page).toContain('Usage by user');
    expect(page).toContain(user.email);
  });
});

test.describe('disk guard (a real 64 MiB filesystem as UPLOAD_DIR)', () => {
  test.skip(process.getuid?.() !== 0, 'mounting a tmpfs needs root');

  test('a mint that would leave less than MIN_FREE_DISK_BYTES is 507; a PATCH that hits the guard keeps its bytes and completes byte-exact once space is freed', async ({ dbEnv }) => {
    const mount = makeDataDir('disk');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mount]);
    const uploadDir = path.join(mount, 'uploads');
    const filler = path.join(mount, 'filler');
    try {
      await withApp({ ...dbEnv, UPLOAD_DIR: uploadDir, MIN_FREE_DISK_BYTES: String(16 * MiB) }, async (app) => {
        const token = await createApiTokenWithCli(app, 'disk');
        const data = randomFile(20 * MiB);
        const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });

        // Another tenant of the disk takes 36 MiB: about 28 MiB stay free.
        fs.writeFileSync(filler, Buffer.alloc(36 * MiB, 1));
        const before = fs.readdirSync(uploadDir).sort();
        const refused = await mintWithToken(app, token, { 'Upload-Length': String(data.length) });
        expect(refused.status).toBe(507);
        expect(await errorMessage(refused)).toMatch(/not have enough free disk space/i);
        expect(fs.readdirSync(uploadDir).sort()).toEqual(before);

        // The PATCH is stopped where free space would go below 16 MiB: it keeps what it stored.
        const stopped = await patch(location, 0, data).then(
          async (res) => ({ status: res.status, text: await res.text() }),
          () => ({ status: 0, text: 'connection closed' }),
        );
        if (stopped.status !== 0) expect(stopped.status).toBe(507);
        const offset = Number((await head(location)).headers.get('upload-offset'));
        expect(offset).toBeGreaterThan(4 * MiB);
        expect(offset).toBeLessThan(data.length);
        const stored = fs.readFileSync(path.join(uploadDir, uid));
        expect(stored.length).toBe(offset);
        expect(sha256(stored)).toBe(sha256(data.subarray(0, offset)));
        expect((await fs.promises.statfs(uploadDir)).bavail * (await fs.promises.statfs(uploadDir)).bsize).toBeGreaterThanOrEqual(15 * MiB);

        // Space is back: the upload resumes where it stopped and completes byte-exact.
        fs.rmSync(filler);
        expect((await patch(location, offset, data.subarray(offset))).status).toBe(204);
        expect(sha256(fs.readFileSync(path.join(uploadDir, uid)))).toBe(sha256(data));
        expect((await getVideo(app, token, uid)).status.state).not.toBe('pendingupload');
      });
    } finally {
      // Lazily: a media tool the app started on the upload may still hold it open for a moment.
      execFileSync('umount', ['-l', mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    }
  });
});

/** `count` parallel GETs of distinct renders of `thumb`, from a child process; their statuses and Retry-After. */
function startFlood(thumb: string, count: number): { started: Promise<void>; results: Promise<{ status: number; retryAfter: string | null }[]> } {
  const script = `
    const [thumb, count] = process.argv.slice(1);
    const all = Array.from({ length: Number(count) }, (_, i) =>
      fetch(thumb + '?time=' + (0.01 * (i + 1)).toFixed(2) + 's&height=' + (120 + 2 * (i % 50)))
        .then(async (res) => { await res.arrayBuffer(); return { status: res.status, retryAfter: res.headers.get('retry-after') }; }, (error) => ({ status: -1, retryAfter: String(error) })));
    console.log('started');
    Promise.all(all).then((results) => console.log(JSON.stringify(results)));
  `;
  const child = spawn(process.execPath, ['-e', script, thumb, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('started')) onStarted();
  });
  const results = new Promise<{ status: number; retryAfter: string | null }[]>((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.split('\n').filter(Boolean).at(-1)!)) : reject(new Error(`flood exited ${code}`)))),
  );
  return { started, results };
}

test.describe('on-demand renders are bounded', () => {
  test('300 parallel distinct thumbnails: only 200/429/503 (with Retry-After), while /api/health and a cached thumbnail answer within 1 s', async ({ provider, app, token }) => {
    test.skip(provider === 'postgresql', 'encoding-heavy: SQLite project only');
    const dir = mediaDir();
    try {
      const data = fs.readFileSync(makeClip(dir, 'flood.mp4', { seconds: 4 }));
      const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ name: 'flood.mp4' }) });
      expect((await patch(location, 0, data)).status).toBe(204);
      await expect.poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: 120_000 }).toBe('ready');
      const thumb = `${app.baseUrl}/stream/${uid}/thumbnails/thumbnail.jpg`;
      expect((await fetch(thumb)).status).toBe(200);

      // The flood comes from another process (another client), as it would: this one only measures.
      const flood = startFlood(thumb, 300);
      await flood.started;
      await new Promise((r) => setTimeout(r, 200));
      const timed = async (url: string) => {
        const started = performance.now();
        const res = await fetch(url);
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - started };
      };
      // Three probes each while the flood is on (its renders take seconds): the median is what
      // everyone else sees; one probe alone would measure this shared test machine's worst moment.
      const health: { status: number; ms: number }[] = [];
      const cached: { status: number; ms: number }[] = [];
      for (let i = 0; i < 3; i++) {
        health.push(await timed(`${app.baseUrl}/api/health`));
        cached.push(await timed(thumb));
      }
      const results = await flood.results;
      const median = (probes: { ms: number }[]) => probes.map((p) => p.ms).sort((a, b) => a - b)[1]!;
      console.log(`While flooded: /api/health ${health.map((p) => Math.round(p.ms)).join(', ')} ms; cached thumbnail ${cached.map((p) => Math.round(p.ms)).join(', ')} ms`);

      expect(health.map((p) => p.status)).toEqual([200, 200, 200]);
      expect(cached.map((p) => p.status)).toEqual([200, 200, 200]);
      expect(median(health), 'health while flooded (median of 3)').toBeLessThan(1000);
      expect(median(cached), 'cached thumbnail while flooded (median of 3)').toBeLessThan(1000);
      const statuses = new Set(results.map((r) => r.status));
      expect([...statuses].every((s) => [200, 429, 503].includes(s)), [...statuses].join(',')).toBe(true);
      const refused = results.filter((r) => r.status !== 200);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('failed uploads do not pile up', () => {
  test('a cancelled upload\'s row is removed after FAILED_UPLOAD_RETENTION_SECONDS', async ({ dbEnv }) => {
    await withApp({ ...dbEnv, FAILED_UPLOAD_RETENTION_SECONDS: '1', CLEANUP_INTERVAL_SECONDS: '1' }, async (app) => {
      const token = await createApiTokenWithCli(app, 'prune');
      const { uid, location } = await mintOk(app, token);
      const kept = await mintOk(app, token);
      expect((await fetch(location, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0' } })).status).toBe(204);
      await expect
        .poll(async () => (await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } })).status, { timeout: 20_000 })
        .toBe(404);
      expect((await getVideo(app, token, kept.uid)).status.state).toBe('pendingupload');
    });
  });
});
