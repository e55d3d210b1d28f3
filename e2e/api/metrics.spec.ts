import fs from 'node:fs';
import { type AppServer, createApiTokenWithCli, startApp } from '../fixtures/app-server';
import { type Envelope, mintWithToken, streamUrl, type VideoJson } from '../fixtures/http';
import { makeClip, mediaDir } from '../fixtures/media';
import { metricValue, scrape } from '../fixtures/prometheus';
import { startTusUpload } from '../fixtures/tus';
import { startReceiver } from '../fixtures/webhook-receiver';
import { expect, test } from '../fixtures/test';

/**
 * CONTRACT §5: `/metrics` is off unless METRICS_TOKEN is set, then Prometheus text for
 * `Authorization: Bearer <it>` only. One known upload moves the counters by known amounts.
 */

const METRICS_TOKEN = 'metrics-token-for-tests-0123';

test.describe('Prometheus metrics at /metrics', () => {
  test.skip(({ provider }) => provider === 'postgresql', 'per-instance metrics: one database is enough');

  test('without METRICS_TOKEN /metrics is off: 404 in the JSON envelope', async ({ app }) => {
    const res = await fetch(`${app.baseUrl}/metrics`, { headers: { Authorization: 'Bearer anything' } });
    expect(res.status).toBe(404);
    const body = (await res.json()) as Envelope;
    expect(body.success).toBe(false);
    expect(body.errors[0]!.message).toMatch(/METRICS_TOKEN/);
  });

  test.describe('with METRICS_TOKEN set', () => {
    let metricsApp: AppServer;
    let token: string;
    test.beforeAll(async ({ dbEnv }) => {
      metricsApp = await startApp({ env: { ...dbEnv, METRICS_TOKEN, CLEANUP_INTERVAL_SECONDS: '1', WEBHOOK_RETRY_BASE_SECONDS: '1' } });
      token = await createApiTokenWithCli(metricsApp, 'metrics');
    });
    test.afterAll(async () => {
      await metricsApp?.stop();
      if (metricsApp) fs.rmSync(metricsApp.dataDir, { recursive: true, force: true });
    });

    test('401 in the JSON envelope without the token, with a wrong one, or with another scheme', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
        const res = await fetch(`${metricsApp.baseUrl}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
        expect(res.status, String(authorization)).toBe(401);
        expect(((await res.json()) as Envelope).success).toBe(false);
      }
    });

    test('one known upload moves the counters by the right amounts: its bytes, one mint, one processing run, one webhook delivery', async () => {
      const receiver = await startReceiver();
      const dir = mediaDir();
      try {
        const hook = await fetch(streamUrl(metricsApp, '/webhook'), {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ notificationUrl: receiver.url }),
        });
        receiver.setSecret(((await hook.json()) as Envelope<{ secret: string }>).result.secret);
        const clip = fs.readFileSync(makeClip(dir, 'metrics.mp4', { seconds: 2 }));

        const before = await scrape(metricsApp.baseUrl, METRICS_TOKEN);
        // A refused mint (no Upload-Length) counts as refused, not created.
        expect((await mintWithToken(metricsApp, token, { 'Upload-Length': '' })).status).toBe(400);
        const run = startTusUpload(clip, {
          endpoint: streamUrl(metricsApp, '?direct_user=true'),
          headers: { Authorization: `Bearer ${token}` },
          metadata: { name: 'metrics.mp4' },
        });
        await run.done;
        const uid = run.mediaId()!;
        await expect
          .poll(async () => ((await (await fetch(streamUrl(metricsApp, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } })).json()) as Envelope<VideoJson>).result.status.state, { timeout: 60_000 })
          .toBe('ready');
        await expect.poll(() => receiver.notices.length, { timeout: 30_000 }).toBe(1);
        // The delivery is counted after its attempt is stored: look until it shows.
        await expect.poll(async () => metricValue(await scrape(metricsApp.baseUrl, METRICS_TOKEN), 'upstream_webhook_deliveries_total', { outcome: 'delivered' })).toBe(
          metricValue(before, 'upstream_webhook_deliveries_total', { outcome: 'delivered' }) + 1,
        );
        const after = await scrape(metricsApp.baseUrl, METRICS_TOKEN);
        const delta = (name: string, labels: Record<string, string> = {}) => metricValue(after, name, labels) - metricValue(before, name, labels);

        expect(delta('upstream_upload_bytes_received_total')).toBe(clip.length);
        expect(delta('upstream_upload_mints_total', { channel: 'api', outcome: 'created' })).toBe(1);
        expect(delta('upstream_upload_mints_total', { channel: 'api', outcome: 'refused' })).toBe(1);
        expect(delta('upstream_processing_duration_seconds_count', { outcome: 'ready' })).toBe(1);
        expect(delta('upstream_processing_duration_seconds_count')).toBe(1);
        expect(delta('upstream_thumbnail_renders_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
        // The PATCH that carried the bytes, in the request histogram by route pattern and status.
        expect(delta('upstream_http_request_duration_seconds_count', { method: 'PATCH', route: '/api/tus/:uid', status: '204' })).toBe(1);
        expect(delta('upstream_http_request_duration_seconds_count', { method: 'POST', route: '/client/v4/accounts/:account/stream', status: '201' })).toBe(1);
        expect(metricValue(after, 'upstream_uploads_in_flight')).toBe(0);
        expect(metricValue(after, 'upstream_queue_depth', { queue: 'processing' })).toBe(0);
        expect(metricValue(after, 'upstream_upload_dir_free_bytes')).toBeGreaterThan(0);
        expect(metricValue(after, 'upstream_upload_dir_size_bytes')).toBeGreaterThan(metricValue(after, 'upstream_upload_dir_free_bytes'));
        // Node's own process metrics.
        expect(metricValue(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
        expect(after.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
      } finally {
        await receiver.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('uploads in flight counts a PATCH while its bytes arrive', async () => {
      const mint = await mintWithToken(metricsApp, token, { 'Upload-Length': String(4 * 1024 * 1024) });
      const location = mint.headers.get('location')!;
      // A PATCH whose body trickles in: the first chunk, then a pause while we look.
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new Uint8Array(64 * 1024));
          await gate;
          controller.close();
        },
      });
      const patch = fetch(location, {
        method: 'PATCH',
        headers: { 'Tus-Resumable': '1.0.0', 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
        body,
        duplex: 'half',
      } as RequestInit);
      try {
        await expect.poll(async () => metricValue(await scrape(metricsApp.baseUrl, METRICS_TOKEN), 'upstream_uploads_in_flight')).toBe(1);
      } finally {
        release();
      }
      expect((await patch).status).toBe(204);
      await expect.poll(async () => metricValue(await scrape(metricsApp.baseUrl, METRICS_TOKEN), 'upstream_uploads_in_flight')).toBe(0);
    });
  });
});
