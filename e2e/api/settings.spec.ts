import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, makeAppFolder } from '../fixtures/app-folder';
import { createApiTokenWithCli, environmentWithoutSettings, makeDataDir, ROOT, startApp } from '../fixtures/app-server';
import { signIn, TUS } from '../fixtures/http';
import { randomFile } from '../fixtures/tus';
import { expect, test } from '../fixtures/test';

/**
 * CONTRACT §5: every setting may come from a `.env` file in the app's folder (as Next.js
 * reads it: the environment wins) and takes effect in every part of the app; `npm start --
 * -p PORT -H HOST` works as with `next start`.
 */

test.describe('settings from .env and the command line', () => {
  test.skip(({ provider }) => provider === 'postgresql', 'start-up settings: one database is enough');

  test('an app whose settings are all in .env uses each of them: port, data folder, secret, admin, account, metrics', async () => {
    const port = await freePort();
    const dataDir = makeDataDir('dotenv');
    const settings = {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      AUTH_SECRET: 'dotenv-secret-0123456789abcdef0123456789',
      ADMIN_EMAIL: 'dotenv-admin@example.com',
      ADMIN_PASSWORD: 'dotenv-password-1',
      STREAM_ACCOUNT_ID: 'dotenv-account',
      METRICS_TOKEN: 'dotenv-metrics-token',
    };
    const folder = makeAppFolder(settings);
    // Nothing but NODE_ENV in the environment: every setting has to come from the file.
    const app = await startApp({ cwd: folder.dir, environment: 'bare' });
    try {
      // Port (and host): the app listens where .env says.
      expect(app.port).toBe(port);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

      // Admin: the configured admin exists and signs in.
      const cookie = await signIn(app.baseUrl, settings.ADMIN_EMAIL, settings.ADMIN_PASSWORD);

      // Secret + data folder: an upload URL minted by a Next route handler verifies at the
      // tus handler (the Node path), and its bytes land in DATA_DIR's upload folder.
      const data = randomFile(64 * 1024);
      const mint = await fetch(`${app.baseUrl}/api/uploads`, {
        method: 'POST',
        headers: { ...TUS, Cookie: cookie, 'Upload-Length': String(data.length) },
      });
      expect(mint.status).toBe(201);
      const location = mint.headers.get('location')!;
      const uid = mint.headers.get('stream-media-id')!;
      expect(location.startsWith(`http://127.0.0.1:${port}/api/tus/${uid}.`)).toBe(true);
      const patch = await fetch(location, {
        method: 'PATCH',
        headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
        body: new Uint8Array(data),
      });
      expect(patch.status).toBe(204);
      expect(patch.headers.get('upload-offset')).toBe(String(data.length));
      expect(fs.readFileSync(path.join(dataDir, 'uploads', uid)).equals(data)).toBe(true);
      // The catalog is DATA_DIR's, and no secret was generated there: AUTH_SECRET came from .env.
      expect(fs.existsSync(path.join(dataDir, 'upstream.db'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'auth-secret'))).toBe(false);

      // The scripts read the same .env: a token made by the CLI in that folder works on the account from .env.
      const token = await createApiTokenWithCli(app, 'dotenv');
      const video = await fetch(`${app.baseUrl}/client/v4/accounts/dotenv-account/stream/${uid}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(video.status).toBe(200);
      expect(((await video.json()) as { result: { size: number } }).result.size).toBe(data.length);
      expect((await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/${uid}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);

      // METRICS_TOKEN from .env turns /metrics on.
      const metrics = await fetch(`${app.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${settings.METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain(`upstream_upload_bytes_received_total ${data.length}`);
    } finally {
      await app.stop();
      folder.remove();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the environment wins over .env, and -p/-H win over both', async () => {
    const [filePort, envPort, argPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const fileDir = makeDataDir('dotenv-file');
    const envDir = makeDataDir('dotenv-env');
    const folder = makeAppFolder({ PORT: String(filePort), HOST: '0.0.0.0', DATA_DIR: fileDir });
    const app = await startApp({
      cwd: folder.dir,
      environment: 'bare',
      env: { PORT: String(envPort), DATA_DIR: envDir },
      args: ['-p', String(argPort), '--hostname', '127.0.0.1'],
    });
    try {
      expect(app.port).toBe(argPort);
      expect(app.logs()).toContain(`Upstream ready on http://127.0.0.1:${argPort}`);
      expect((await fetch(`http://127.0.0.1:${argPort}/api/health`)).status).toBe(200);
      // The data folder came from the environment, not from the file.
      expect(fs.existsSync(path.join(envDir, 'upstream.db'))).toBe(true);
      expect(fs.existsSync(path.join(fileDir, 'upstream.db'))).toBe(false);
    } finally {
      await app.stop();
      folder.remove();
      for (const dir of [fileDir, envDir]) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a LOG_LEVEL that is not a level stops start-up with a message naming it', async () => {
    const dataDir = makeDataDir('log-level');
    try {
      await expect(startApp({ dataDir, env: { LOG_LEVEL: 'loud' } })).rejects.toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('npm start -- --port=PORT -H HOST listens there, like next start', async () => {
    const port = await freePort();
    const dataDir = makeDataDir('npm-start');
    const child = spawnNpmStart([`--port=${port}`, '-H', '127.0.0.1'], { DATA_DIR: dataDir, PORT: '1' });
    try {
      const output = await waitForOutput(child, /Upstream ready on http:\/\/127\.0\.0\.1:(\d+)/);
      expect(output).toContain(`127.0.0.1:${port}`);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    } finally {
      await stopGroup(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('an unknown argument stops start-up with exit code 1 and a message naming it and the accepted ones', async () => {
    const child = spawnNpmStart(['--prot', '4000'], {});
    const { code, output } = await exitOf(child);
    expect(code).toBe(1);
    expect(output).toContain('Unknown arguments: "--prot", "4000"');
    expect(output).toContain('-p, --port PORT');
    expect(output).toContain('-H, --hostname HOST');

    const bad = await exitOf(spawnNpmStart(['-p', 'eighty'], {}));
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('--port must be a whole number from 0 to 65535 (got "eighty")');
  });
});

/** `npm start -- ARGS` in the project, in its own process group (npm starts node as a grandchild). */
function spawnNpmStart(args: string[], env: Record<string, string>): ChildProcess {
  return spawn('npm', ['start', '--silent', '--', ...args], {
    cwd: ROOT,
    env: { ...environmentWithoutSettings(), NODE_ENV: 'production', ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

function collect(child: ChildProcess): () => string {
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return () => output;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  const output = collect(child);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output: output() })));
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  const output = collect(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Not seen within 60 s: ${pattern}\n${output()}`)), 60_000);
    const check = () => {
      if (pattern.test(output())) {
        clearTimeout(timer);
        resolve(output());
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output()}`));
    });
  });
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
