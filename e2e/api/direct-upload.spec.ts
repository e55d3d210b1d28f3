import fs from 'node:fs';
import http from 'node:http';
import { type Envelope, getVideo, mintOk, streamUrl } from '../fixtures/http';
import { postFile } from '../fixtures/loopback-server';
import { makeClip, mediaDir } from '../fixtures/media';
import { expect, storedFiles, test } from '../fixtures/test';
import type { AppServer } from '../fixtures/app-server';

/** The one-time URL of a basic direct creator upload (`uploadURL` of `POST /stream/direct_upload`). */

const BOUNDARY = '----upstream-direct-test';
const HEAD = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="clip.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
let clip: Buffer;

test.beforeAll(() => {
  clip = fs.readFileSync(makeClip(mediaDir(), 'direct-clip.mp4', { seconds: 2, faststart: true }));
});

async function directUpload(app: AppServer, token: string): Promise<{ uid: string; uploadURL: string }> {
  const res = await fetch(streamUrl(app, '/direct_upload'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ maxDurationSeconds: 60 }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Envelope<{ uid: string; uploadURL: string }>).result;
}

/** A multipart body that sends its head and half the clip, then waits for `release()` to send the rest. */
function heldBody(): { body: ReadableStream<Uint8Array>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const half = Math.floor(clip.length / 2);
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (step === 0) controller.enqueue(new Uint8Array(Buffer.concat([HEAD, clip.subarray(0, half)])));
      else if (step === 1) {
        await released;
        controller.enqueue(new Uint8Array(Buffer.concat([clip.subarray(half), TAIL])));
      } else controller.close();
      step += 1;
    },
  });
  return { body, release };
}

test.describe('the basic direct upload URL', () => {
  test('of two POSTs at once, one wins: the other is refused with 409 while the first completes', async ({ app, token }) => {
    const { uid, uploadURL } = await directUpload(app, token);
    const first = heldBody();
    const firstDone = fetch(uploadURL, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
      body: first.body,
      duplex: 'half',
    } as RequestInit);
    await expect.poll(() => fs.existsSync(`${app.dataDir}/uploads/${uid}`)).toBe(true);
    const second = await postFile(uploadURL, clip);
    expect(second.status).toBe(409);
    expect(((await second.json()) as Envelope).errors[0]!.message).toMatch(/in progress/);
    first.release();
    expect((await firstDone).status).toBe(200);
    const video = await getVideo(app, token, uid);
    expect(video.size).toBe(clip.length);
    expect(fs.readFileSync(`${app.dataDir}/uploads/${uid}`).equals(clip)).toBe(true);
  });

  test('a POST cut off mid-body keeps nothing, and the URL then takes the file', async ({ app, token }) => {
    const { uid, uploadURL } = await directUpload(app, token);
    await new Promise<void>((resolve) => {
      const req = http.request(uploadURL, { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` } });
      req.on('error', () => resolve());
      req.write(Buffer.concat([HEAD, clip.subarray(0, 50_000)]), () => setTimeout(() => req.destroy(), 300));
      req.on('close', () => resolve());
    });
    await expect.poll(() => storedFiles(app, uid)).toEqual([]);
    expect((await getVideo(app, token, uid)).status.state).toBe('pendingupload');
    await expect.poll(async () => (await postFile(uploadURL, clip)).status, { timeout: 15_000 }).toBe(200);
    expect((await getVideo(app, token, uid)).size).toBe(clip.length);
  });

  test('refuses what is not one multipart POST of a file: 415, 400, 405 JSON, and an altered or tus URL is 404', async ({ app, token }) => {
    const { uid, uploadURL } = await directUpload(app, token);
    const raw = await fetch(uploadURL, { method: 'POST', headers: { 'Content-Type': 'video/mp4' }, body: new Uint8Array(clip) });
    expect(raw.status).toBe(415);
    const noFile = new FormData();
    noFile.append('title', 'no file here');
    const missing = await fetch(uploadURL, { method: 'POST', body: noFile });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Envelope).errors[0]!.message).toMatch(/no file in the field "file"/);
    const empty = await postFile(uploadURL, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const get = await fetch(uploadURL);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(((await get.json()) as Envelope).success).toBe(false);
    const altered = uploadURL.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await postFile(altered, clip)).status).toBe(404);
    // A tus upload URL's token does not open a direct upload, nor the other way round.
    const tus = await mintOk(app, token);
    expect((await postFile(tus.location.replace('/api/tus/', '/api/direct/'), clip)).status).toBe(404);
    const asTus = await fetch(uploadURL.replace('/api/direct/', '/api/tus/'), { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    expect(asTus.status).toBe(404);
    expect(storedFiles(app, uid)).toEqual([]);
    expect((await getVideo(app, token, uid)).status.state).toBe('pendingupload');
  });
});
