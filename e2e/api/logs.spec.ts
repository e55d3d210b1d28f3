import fs from 'node:fs';
import { type AppServer, createApiTokenWithCli, startApp } from '../fixtures/app-server';
import { type Envelope, signIn, streamUrl, TUS, type VideoJson } from '../fixtures/http';
import { makeClip, mediaDir } from '../fixtures/media';
import { startTusUpload } from '../fixtures/tus';
import { startReceiver } from '../fixtures/webhook-receiver';
import { expect, test } from '../fixtures/test';

/**
 * Issue 11: the logs of a whole run (sign-in, API token, webhook, uploads by the API and by
 * the app's own route, processing, the webhook notice, a metrics scrape) are JSON lines; each
 * request has one line with its request id, and nothing in them is a secret: no token, no
 * password, no upload URL signature, no webhook secret or URL, no cookie.
 */

type Line = Record<string, unknown> & { level: string; msg: string };

const SECRETS = {
  AUTH_SECRET: 'log-test-auth-secret-0123456789abcdef0123',
  ADMIN_PASSWORD: 'log-test-admin-password',
  METRICS_TOKEN: 'log-test-metrics-token-42',
};

async function stateOf(app: AppServer, token: string, uid: string): Promise<string> {
  const res = await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as Envelope<VideoJson>).result.status.state;
}

test('the logs of a whole upload, processing and webhook run are JSON lines with request ids, and hold no secret', async ({ provider, dbEnv }) => {
  test.skip(provider === 'postgresql', 'log content does not depend on the database');
  const receiver = await startReceiver();
  const dir = mediaDir();
  const app = await startApp({
    env: { ...dbEnv, ...SECRETS, ADMIN_EMAIL: 'log-admin@example.com', WEBHOOK_RETRY_BASE_SECONDS: '1', LOG_LEVEL: 'debug' },
  });
  const secrets: string[] = Object.values(SECRETS);
  try {
    const cookie = await signIn(app.baseUrl, 'log-admin@example.com', SECRETS.ADMIN_PASSWORD);
    secrets.push(cookie.split('=').slice(1).join('='));
    const token = await createApiTokenWithCli(app, 'logs');
    secrets.push(token);
    const hook = await fetch(streamUrl(app, '/webhook'), {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ notificationUrl: `${receiver.url}?key=receiver-own-secret` }),
    });
    const webhookSecret = ((await hook.json()) as Envelope<{ secret: string }>).result.secret;
    receiver.setSecret(webhookSecret);
    secrets.push(webhookSecret, 'receiver-own-secret', '/hooks/stream');

    // An upload by the API, in two PATCHes, processed to ready, with its webhook notice.
    const clip = fs.readFileSync(makeClip(dir, 'logs.mp4', { seconds: 2 }));
    const run = startTusUpload(clip, {
      endpoint: streamUrl(app, '?direct_user=true'),
      headers: { Authorization: `Bearer ${token}` },
      chunkSize: Math.ceil(clip.length / 2),
      metadata: { name: 'logs.mp4' },
    });
    const { url: uploadUrl } = await run.done;
    const uid = run.mediaId()!;
    await expect.poll(() => stateOf(app, token, uid), { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => receiver.notices.length, { timeout: 30_000 }).toBe(1);

    // An upload through the app's own mint route (session cookie), with a request id of our own.
    const mint = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { ...TUS, Cookie: cookie, 'Upload-Length': '10' } });
    const sessionUrl = mint.headers.get('location')!;
    const ourId = 'client-chosen-id-123';
    const patch = await fetch(sessionUrl, {
      method: 'PATCH',
      headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0', 'X-Request-ID': ourId },
      body: new Uint8Array(10),
    });
    expect(patch.status).toBe(204);
    expect(patch.headers.get('x-request-id')).toBe(ourId);
    // A request id that is not sane is replaced by one of ours; the query string is not logged.
    const odd = await fetch(`${app.baseUrl}/api/health?token=query-secret-value`, { headers: { 'X-Request-ID': 'has spaces and "quotes"' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A metrics scrape with its token, and one with a wrong token.
    expect((await fetch(`${app.baseUrl}/metrics`, { headers: { Authorization: `Bearer ${SECRETS.METRICS_TOKEN}` } })).status).toBe(200);
    secrets.push('wrong-metrics-token-guess');
    expect((await fetch(`${app.baseUrl}/metrics`, { headers: { Authorization: 'Bearer wrong-metrics-token-guess' } })).status).toBe(401);
    // Upload URL signatures: everything after the uid.
    for (const url of [uploadUrl, sessionUrl]) {
      const signed = url.split('/').at(-1)!;
      secrets.push(url, signed, signed.split('.').at(-1)!);
    }
    secrets.push('query-secret-value');
    // Let the last request lines be written.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const text = app.logs();
    const lines: Line[] = text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Line;
        } catch {
          throw new Error(`Not a JSON log line: ${line}`);
        }
      });
    for (const secret of secrets) expect(text, `the logs hold "${secret}"`).not.toContain(secret);

    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests.length).toBeGreaterThan(10);
    for (const line of requests) {
      expect(typeof line.reqId).toBe('string');
      expect(line).toMatchObject({ method: expect.any(String), path: expect.any(String), status: expect.any(Number), bytes: expect.any(Number), ms: expect.any(Number) });
    }
    // The upload URL is logged with its uid only, its query dropped.
    const patches = requests.filter((line) => line.method === 'PATCH');
    expect(patches.map((line) => line.path)).toEqual([`/api/tus/${uid}`, `/api/tus/${uid}`, `/api/tus/${mint.headers.get('stream-media-id')}`]);
    expect(patches.at(-1)).toMatchObject({ reqId: ourId, status: 204, uploadOffset: 10 });
    // Job events with the uid: claimed and done for processing, done for the webhook.
    expect(lines.filter((line) => line.uid === uid).map((line) => `${String(line.job)} ${String(line.event)}`)).toEqual(
      expect.arrayContaining(['processing claimed', 'processing done', 'webhooks done']),
    );
    expect(lines.find((line) => line.job === 'webhooks')).toMatchObject({ receiver: new URL(receiver.url).origin });
  } finally {
    await app.stop();
    await receiver.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
