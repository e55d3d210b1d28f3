import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { AppServer } from '../fixtures/app-server';
import { type Envelope, getVideo, streamUrl, type VideoJson } from '../fixtures/http';
import { type LoopbackServer, startLoopbackServer } from '../fixtures/loopback-server';
import { MEDIA } from '../fixtures/ui-media';
import { expect, storedFiles, test } from '../fixtures/test';
import { sha256 } from '../fixtures/tus';

/**
 * Cloudflare's basic direct creator upload from a real browser: a page on another origin
 * (a loopback server of the test) posts a FormData to the `uploadURL` the backend got from
 * `POST /stream/direct_upload`. No credentials: the URL is the capability.
 */

/** A page of "the creator's site": a file input and a button that POSTs a FormData to the URL given. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Creator site</title></head>
<body>
  <label>Video <input type="file" name="file" id="file"></label>
  <label>Upload URL <input type="url" id="url"></label>
  <button type="button" id="send">Send</button>
  <output id="result" aria-live="polite"></output>
  <script>
    document.getElementById('send').addEventListener('click', async () => {
      const out = document.getElementById('result');
      const form = new FormData();
      form.append('file', document.getElementById('file').files[0]);
      try {
        const res = await fetch(document.getElementById('url').value, { method: 'POST', body: form });
        out.textContent = 'status ' + res.status + ' ' + (await res.text());
      } catch (error) {
        out.textContent = 'failed ' + error;
      }
    });
  </script>
</body></html>`;

let site: LoopbackServer;

test.beforeAll(async () => {
  site = await startLoopbackServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
  });
});

test.afterAll(async () => {
  await site?.close();
});

async function createDirectUpload(app: AppServer, token: string, body: Record<string, unknown>): Promise<{ uid: string; uploadURL: string }> {
  const res = await fetch(streamUrl(app, '/direct_upload'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Envelope<{ uid: string; uploadURL: string }>).result;
}

async function sendFromPage(page: Page, uploadURL: string): Promise<string> {
  const result = page.locator('#result');
  await result.evaluate((node) => (node.textContent = ''));
  await page.getByLabel('Upload URL').fill(uploadURL);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(result).toHaveText(/^(status|failed) /, { timeout: 60_000 });
  return (await result.textContent()) ?? '';
}

test.describe('basic direct creator upload from a browser', () => {
  test('a page on another origin posts a FormData to uploadURL: the video becomes ready; a second POST is refused', async ({ app, token, page }) => {
    const { uid, uploadURL } = await createDirectUpload(app, token, { maxDurationSeconds: 60, meta: { name: 'from the browser' } });
    expect(new URL(uploadURL).origin).not.toBe(site.baseUrl);
    await page.goto(`${site.baseUrl}/`);
    await page.getByLabel('Video').setInputFiles(MEDIA.clip);

    expect(await sendFromPage(page, uploadURL)).toMatch(/^status 200 .*"success":true/);
    await expect.poll(async () => (await getVideo(app, token, uid)).status.state, { timeout: 120_000 }).toBe('ready');
    const video = (await getVideo(app, token, uid)) as VideoJson & { sha256: string };
    expect(video.size).toBe(fs.statSync(MEDIA.clip).size);
    expect(video.sha256).toBe(sha256(fs.readFileSync(MEDIA.clip)));
    expect(video.meta.name).toBe('from the browser');

    expect(await sendFromPage(page, uploadURL)).toMatch(/^status 409 .*already been used/);
  });

  test('an expired uploadURL is refused with 410 and keeps nothing', async ({ app, token, page }) => {
    const expiry = new Date(Date.now() + 4_000).toISOString();
    const { uid, uploadURL } = await createDirectUpload(app, token, { maxDurationSeconds: 60, expiry });
    await page.goto(`${site.baseUrl}/`);
    await page.getByLabel('Video').setInputFiles(MEDIA.clip);
    await page.waitForTimeout(Math.max(0, new Date(expiry).getTime() - Date.now()) + 1_500);
    expect(await sendFromPage(page, uploadURL)).toMatch(/^status 410 .*expired/);
    expect(storedFiles(app, uid)).toEqual([]);
  });

  test('CORS: the preflight of any origin is answered for POST with the headers asked for', async ({ app, token }) => {
    const { uploadURL } = await createDirectUpload(app, token, { maxDurationSeconds: 60 });
    const res = await fetch(uploadURL, {
      method: 'OPTIONS',
      headers: { Origin: 'https://creator.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-request-id' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://creator.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('x-request-id');
  });
});

test.describe('basic direct creator upload limits (in Node)', () => {
  test.skip(({ isMobile }) => isMobile, 'Node-side requests: once is enough');

  const BOUNDARY = '----upstream-test-boundary';
  const SIZE = 201_000_000;

  /** A multipart body with a 201 MB file, generated as it is sent (never in memory). */
  function hugeBody(): ReadableStream<Uint8Array> {
    const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    let phase: 'head' | 'file' | 'tail' | 'done' = 'head';
    return new ReadableStream({
      pull(controller) {
        if (phase === 'head') {
          controller.enqueue(new Uint8Array(head));
          phase = 'file';
        } else if (phase === 'file') {
          const n = Math.min(chunk.length, SIZE - sent);
          controller.enqueue(chunk.subarray(0, n));
          sent += n;
          if (sent >= SIZE) phase = 'tail';
        } else if (phase === 'tail') {
          controller.enqueue(new Uint8Array(tail));
          phase = 'done';
        } else {
          controller.close();
        }
      },
    });
  }

  for (const [label, declared] of [
    ['streamed without a length', false],
    ['with its Content-Length declared', true],
  ] as const) {
    test(`201 MB ${label} → 413, nothing kept, and the URL still takes a file`, async ({ app, token }) => {
      const { uid, uploadURL } = await createDirectUpload(app, token, { maxDurationSeconds: 60 });
      const headers: Record<string, string> = { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` };
      if (declared) headers['Content-Length'] = String(SIZE + 200);
      const res = await fetch(uploadURL, { method: 'POST', headers, body: hugeBody(), duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      expect(((await res.json()) as Envelope).errors[0]!.message).toMatch(/larger than the limit of 200 MB/);
      await expect.poll(() => storedFiles(app, uid)).toEqual([]);
      expect((await getVideo(app, token, uid)).status.state).toBe('pendingupload');
      expect(fs.existsSync(path.join(app.dataDir, 'uploads', uid))).toBe(false);

      // A failed POST used nothing up: the same URL still takes a (small) file.
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(fs.readFileSync(MEDIA.clip))], { type: 'video/mp4' }), 'clip.mp4');
      expect((await fetch(uploadURL, { method: 'POST', body: form })).status).toBe(200);
    });
  }
});
