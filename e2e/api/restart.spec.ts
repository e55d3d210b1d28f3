import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../fixtures/test';
import { createApiTokenWithCli, makeDataDir, runScript, startApp } from '../fixtures/app-server';
import { getVideo, head, metadata, mintOk } from '../fixtures/http';
import { killMidUpload } from '../fixtures/kill-mid-upload';
import { UPLOADED } from '../fixtures/states';
import { randomFile, sha256, startTusUpload } from '../fixtures/tus';

const MiB = 1024 * 1024;

test.describe('surviving crashes and restarts', () => {
  test('SIGKILL mid-upload: after a restart HEAD reports the stored offset and the upload completes byte-exact', async ({ dbEnv }) => {
    const dataDir = makeDataDir('kill');
    let app = await startApp({ dataDir, env: dbEnv });
    const token = await createApiTokenWithCli(app, 'kill');
    const data = randomFile(64 * MiB);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });

    await killMidUpload(app, location, data, { chunkSize: 4 * MiB });

    app = await startApp({ dataDir, port: app.port, env: dbEnv });
    try {
      const res = await head(location);
      expect(res.status).toBe(200);
      const offset = Number(res.headers.get('upload-offset'));
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThan(data.length);
      expect(offset).toBe(fs.statSync(path.join(dataDir, 'uploads', uid)).size);

      const resumed = startTusUpload(data, { uploadUrl: location });
      await resumed.done;
      expect(resumed.patchOffsets[0]).toBe(offset);
      expect(sha256(fs.readFileSync(path.join(dataDir, 'uploads', uid)))).toBe(sha256(data));
      expect((await getVideo(app, token, uid)).status.state).toMatch(UPLOADED);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('uploads that expired while the app was down are cleaned up at the next start', async ({ dbEnv }) => {
    const dataDir = makeDataDir('down');
    let app = await startApp({ dataDir, env: dbEnv });
    const token = await createApiTokenWithCli(app, 'down');
    const expiry = new Date(Date.now() + 2_000).toISOString();
    const { uid } = await mintOk(app, token, { 'Upload-Metadata': metadata({ expiry }) });
    await app.stop();
    await new Promise((r) => setTimeout(r, 2_500));
    app = await startApp({ dataDir, port: app.port, env: dbEnv });
    try {
      await expect.poll(async () => (await getVideo(app, token, uid)).status.errorReasonCode, { timeout: 30_000 }).toBe('ERR_UPLOAD_EXPIRED');
      expect(fs.readdirSync(path.join(dataDir, 'uploads')).filter((f) => f.startsWith(uid))).toEqual([]);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('files left by a crash are reconciled at start: a finished upload is queued, an orphan removed', async ({ dbEnv }) => {
    const dataDir = makeDataDir('reconcile');
    let app = await startApp({ dataDir, env: dbEnv });
    const token = await createApiTokenWithCli(app, 'reconcile');
    const data = randomFile(1000);
    const { uid } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    await app.kill();
    // As if the process died after the last byte reached the disk but before the catalog heard of it.
    fs.writeFileSync(path.join(dataDir, 'uploads', uid), data);
    const orphan = 'ffffffffffffffffffffffffffffffff';
    fs.writeFileSync(path.join(dataDir, 'uploads', orphan), 'left over');
    fs.writeFileSync(path.join(dataDir, 'uploads', `${orphan}.json`), '{}');
    app = await startApp({ dataDir, port: app.port, env: dbEnv });
    try {
      await expect.poll(async () => (await getVideo(app, token, uid)).status.state).toMatch(UPLOADED);
      await expect.poll(() => fs.readdirSync(path.join(dataDir, 'uploads')).filter((f) => f.startsWith(orphan))).toEqual([]);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('an invalid setting stops start-up with a message naming it', async ({ dbEnv }) => {
    const dataDir = makeDataDir('config');
    try {
      await expect(startApp({ dataDir, env: { ...dbEnv, MAX_UPLOAD_BYTES: 'lots' } })).rejects.toThrow(/MAX_UPLOAD_BYTES/);
      await expect(startApp({ dataDir, env: { ...dbEnv, UPLOAD_URL_TTL: '900000' } })).rejects.toThrow(/UPLOAD_URL_TTL/);
      await expect(startApp({ dataDir, env: { ...dbEnv, ADMIN_EMAIL: 'a@example.com' } })).rejects.toThrow(/ADMIN_PASSWORD/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('the AUTH_SECRET generated on first start is kept, so upload URLs survive a restart', async ({ dbEnv }) => {
    const dataDir = makeDataDir('secret');
    let app = await startApp({ dataDir, env: dbEnv });
    const token = await createApiTokenWithCli(app, 'secret');
    const { location } = await mintOk(app, token);
    const secret = fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await app.stop();
    app = await startApp({ dataDir, port: app.port, env: dbEnv });
    try {
      expect((await head(location)).status).toBe(200);
      expect(fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(secret);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('api-token CLI: create prints the token alone on its last line; revoke makes it 401', async ({ dbEnv }) => {
    const dataDir = makeDataDir('cli');
    const app = await startApp({ dataDir, env: dbEnv });
    try {
      const token = await createApiTokenWithCli(app, 'ci-bot');
      const ok = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream`, { headers: { Authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      const again = await runScript(['scripts/api-token.ts', 'create', '--name', 'ci-bot'], app.env);
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/exists/);
      const revoke = await runScript(['scripts/api-token.ts', 'revoke', 'ci-bot'], app.env);
      expect(revoke.code).toBe(0);
      const gone = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream`, { headers: { Authorization: `Bearer ${token}` } });
      expect(gone.status).toBe(401);
      const unknown = await runScript(['scripts/api-token.ts', 'revoke', 'nobody'], app.env);
      expect(unknown.code).not.toBe(0);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
