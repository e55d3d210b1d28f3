import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import * as tus from 'tus-js-client';
import { expect, test } from '../fixtures/test';
import { createApiTokenWithCli, makeDataDir, startApp } from '../fixtures/app-server';
import { getVideo, head, metadata, mintOk, mintWithToken, patch, streamUrl, TUS } from '../fixtures/http';
import { killMidUpload } from '../fixtures/kill-mid-upload';
import { openPatch } from '../fixtures/slow-patch';
import { randomFile, sha256, startTusUpload } from '../fixtures/tus';
import { setWebhook, startReceiver } from '../fixtures/webhook-receiver';

const MiB = 1024 * 1024;

/** CONTRACT §10: the tus checksum extension, the whole file's sha256, and uploads of deferred length. */

function checksum(algorithm: string, data: Buffer): string {
  return `${algorithm} ${createHash(algorithm).update(data).digest('base64')}`;
}

async function original(app: { baseUrl: string }, token: string, uid: string): Promise<Buffer> {
  const res = await fetch(streamUrl(app as never, `/${uid}/original`), { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function offsetOf(location: string): Promise<string | null> {
  return (await head(location)).headers.get('upload-offset');
}

test.describe('integrity: tus checksums', () => {
  test('OPTIONS advertises the checksum extension and its algorithms', async ({ app, token }) => {
    const { location } = await mintOk(app, token);
    const res = await fetch(location, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-extension')?.split(',')).toEqual(expect.arrayContaining(['checksum', 'creation-defer-length', 'termination', 'expiration']));
    expect(res.headers.get('tus-checksum-algorithm')?.split(',').sort()).toEqual(['md5', 'sha1', 'sha256']);
  });

  test('a PATCH whose body does not match Upload-Checksum answers 460 and stores none of its bytes; the right bytes then complete byte-exact', async ({ app, token }) => {
    const data = randomFile(300_000);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    const first = data.subarray(0, 100_000);
    expect((await patch(location, 0, first, { 'Upload-Checksum': checksum('sha256', first) })).status).toBe(204);
    expect(await offsetOf(location)).toBe('100000');

    const second = data.subarray(100_000, 200_000);
    const damaged = Buffer.from(second);
    damaged[5_000] = damaged[5_000]! ^ 0xff;
    const refused = await patch(location, 100_000, damaged, { 'Upload-Checksum': checksum('sha256', second) });
    expect(refused.status).toBe(460);
    expect(await refused.text()).toMatch(/checksum/i);
    expect(await offsetOf(location)).toBe('100000');

    expect((await patch(location, 100_000, second, { 'Upload-Checksum': checksum('sha1', second) })).status).toBe(204);
    const third = data.subarray(200_000);
    expect((await patch(location, 200_000, third, { 'Upload-Checksum': checksum('md5', third) })).status).toBe(204);
    expect(sha256(await original(app, token, uid))).toBe(sha256(data));
    // The digest hashed as the bytes arrived never saw the refused body.
    expect((await getVideo(app, token, uid)).sha256).toBe(sha256(data));
  });

  test('SIGKILL mid-upload with checksums on every PATCH: after a restart the upload resumes and the VIDEO\'s sha256 is the file\'s', async ({ dbEnv }) => {
    const dataDir = makeDataDir('kill-checksum');
    let app = await startApp({ dataDir, env: dbEnv });
    const token = await createApiTokenWithCli(app, 'kill-checksum');
    const data = randomFile(48 * MiB);
    const chunkSize = 4 * MiB;
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    // What the app's uploader does: each PATCH says the sha256 of the bytes it carries.
    const withChecksums = {
      chunkSize,
      onBeforeRequest(req: { getMethod(): string; getHeader(name: string): string | undefined; setHeader(name: string, value: string): void }) {
        if (req.getMethod() !== 'PATCH') return;
        const offset = Number(req.getHeader('Upload-Offset'));
        req.setHeader('Upload-Checksum', checksum('sha256', data.subarray(offset, offset + chunkSize)));
      },
    };
    await killMidUpload(app, location, data, withChecksums);

    app = await startApp({ dataDir, port: app.port, env: dbEnv });
    try {
      const offset = Number(await offsetOf(location));
      // A PATCH cut off by the crash failed its checksum: only whole chunks were kept.
      expect(offset % chunkSize).toBe(0);
      const resumed = startTusUpload(data, { uploadUrl: location, ...withChecksums });
      await resumed.done;
      expect(resumed.patchOffsets[0]).toBe(offset);
      expect((await getVideo(app, token, uid)).sha256).toBe(sha256(data));
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  for (const [header, why] of [
    ['crc32 AAAAAA==', 'an unknown algorithm'],
    ['sha256', 'no digest'],
    ['sha256 not*base64', 'a digest that is not base64'],
    ['sha256 AAAA', 'a digest of the wrong length'],
  ] as const) {
    test(`Upload-Checksum with ${why} answers 400 and stores nothing`, async ({ app, token }) => {
      const { location } = await mintOk(app, token, { 'Upload-Length': '5' });
      const res = await patch(location, 0, Buffer.from('hello'), { 'Upload-Checksum': header });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Upload-Checksum/);
      expect(await offsetOf(location)).toBe('0');
    });
  }
});

test.describe('integrity: the whole file', () => {
  test('a PATCH cut off by the client, then a newer PATCH taking over a hanging one: the sha256 is still the file\'s', async ({ app, token }) => {
    const data = randomFile(3 * MiB);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    // The client goes away after 1 MiB of a PATCH that announced the whole file.
    const cut = openPatch(location, 0, data.length);
    cut.write(data.subarray(0, MiB));
    await new Promise((resolve) => setTimeout(resolve, 500));
    cut.destroy();
    await expect.poll(async () => Number(await offsetOf(location)), { timeout: 10_000 }).toBeGreaterThan(0);
    // A PATCH that hangs half-way; the HEAD of a client starting over takes its lock.
    const offset = Number(await offsetOf(location));
    const hanging = openPatch(location, offset, data.length - offset);
    hanging.write(data.subarray(offset, offset + 512 * 1024));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const resumeAt = Number(await offsetOf(location));
    hanging.destroy();
    expect(resumeAt).toBeGreaterThan(offset);
    expect((await patch(location, resumeAt, data.subarray(resumeAt))).status).toBe(204);
    expect((await getVideo(app, token, uid)).sha256).toBe(sha256(data));
    expect(sha256(await original(app, token, uid))).toBe(sha256(data));
  });

  test('sha256 is null until the last byte, then the hex digest of the original', async ({ app, token }) => {
    const data = randomFile(50_000);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    await patch(location, 0, data.subarray(0, 10_000));
    expect((await getVideo(app, token, uid)).sha256).toBeNull();
    const last = await patch(location, 10_000, data.subarray(10_000));
    expect((await getVideo(app, token, uid)).sha256).toBe(sha256(data));
    // The upload URL tells the client too (RFC 9530 Repr-Digest), on the last PATCH and on HEAD.
    const digest = `sha-256=:${createHash('sha256').update(data).digest('base64')}:`;
    expect(last.headers.get('repr-digest')).toBe(digest);
    expect((await head(location)).headers.get('repr-digest')).toBe(digest);
  });

  test('a declared sha256 that the bytes do not match ends ERR_INTEGRITY, fires the webhook and keeps the bytes', async ({ dbEnv }) => {
    const dataDir = makeDataDir('integrity-hook');
    const app = await startApp({ dataDir, env: dbEnv });
    const receiver = await startReceiver();
    try {
      const token = await createApiTokenWithCli(app, 'integrity-hook');
      receiver.setSecret(await setWebhook(app, token, receiver.url));
      const data = randomFile(20_000);
      const wrong = sha256(Buffer.from('another file'));
      const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ name: 'x.mp4', sha256: wrong }) });
      expect((await patch(location, 0, data)).status).toBe(204);
      const video = await getVideo(app, token, uid);
      expect(video.status.state).toBe('error');
      expect(video.status.errorReasonCode).toBe('ERR_INTEGRITY');
      expect(video.status.errorReasonText).toContain(wrong);
      expect(video.sha256).toBe(sha256(data));
      expect(sha256(await original(app, token, uid))).toBe(sha256(data));
      await expect.poll(() => receiver.notices.filter((n) => n.body.uid === uid).length, { timeout: 30_000 }).toBe(1);
      const [notice] = receiver.notices.filter((n) => n.body.uid === uid);
      expect(notice!.signatureValid).toBe(true);
      expect(notice!.body.status.errorReasonCode).toBe('ERR_INTEGRITY');
    } finally {
      await receiver.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a declared sha256 that matches lets the video go on to processing', async ({ app, token }) => {
    const data = randomFile(20_000);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ sha256: sha256(data).toUpperCase() }) });
    await patch(location, 0, data);
    const video = await getVideo(app, token, uid);
    expect(video.status.errorReasonCode).not.toBe('ERR_INTEGRITY');
    expect(video.sha256).toBe(sha256(data));
  });

  test('a malformed declared sha256 is refused at the mint with 400', async ({ app, token }) => {
    const res = await mintWithToken(app, token, { 'Upload-Metadata': metadata({ sha256: 'abc' }) });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/sha256/);
  });
});

test.describe('uploads of deferred length', () => {
  const deferred = { 'Upload-Metadata': metadata({ maxdurationseconds: '60' }) };

  async function mintDeferred(app: Parameters<typeof mintWithToken>[0], token: string) {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, ...TUS, 'Upload-Defer-Length': '1', 'Upload-Metadata': deferred['Upload-Metadata'] };
    const res = await fetch(streamUrl(app, '?direct_user=true'), { method: 'POST', headers });
    expect(res.status).toBe(201);
    return { uid: res.headers.get('stream-media-id')!, location: res.headers.get('location')! };
  }

  test('the first PATCH with Upload-Length sets the size; the upload completes byte-exact', async ({ app, token }) => {
    const data = randomFile(120_000);
    const { uid, location } = await mintDeferred(app, token);
    const first = await head(location);
    expect(first.headers.get('upload-defer-length')).toBe('1');
    expect(first.headers.get('upload-length')).toBeNull();
    expect((await patch(location, 0, data.subarray(0, 70_000))).status).toBe(204);
    expect((await getVideo(app, token, uid)).status.state).toBe('pendingupload');
    expect((await patch(location, 70_000, data.subarray(70_000), { 'Upload-Length': String(data.length) })).status).toBe(204);
    const video = await getVideo(app, token, uid);
    expect(video.size).toBe(data.length);
    expect(video.sha256).toBe(sha256(data));
    expect(sha256(await original(app, token, uid))).toBe(sha256(data));
  });

  test('a later different Upload-Length answers 400; the same one again is accepted', async ({ app, token }) => {
    const { location } = await mintDeferred(app, token);
    expect((await patch(location, 0, Buffer.from('abc'), { 'Upload-Length': '10' })).status).toBe(204);
    const changed = await patch(location, 3, Buffer.from('def'), { 'Upload-Length': '11' });
    expect(changed.status).toBe(400);
    expect(await changed.text()).toMatch(/already set to 10/);
    expect((await patch(location, 3, Buffer.from('def'), { 'Upload-Length': '10' })).status).toBe(204);
    expect((await head(location)).headers.get('upload-length')).toBe('10');
  });

  test('a declared length past MAX_UPLOAD_BYTES answers 413', async ({ app, token }) => {
    const { location } = await mintDeferred(app, token);
    const res = await patch(location, 0, Buffer.from('abc'), { 'Upload-Length': String(6 * 1024 ** 3) });
    expect(res.status).toBe(413);
    expect((await head(location)).headers.get('upload-offset')).toBe('0');
  });

  test('a deferred mint needs maxDurationSeconds, and the app\'s own session route needs a length', async ({ app, token, adminCookie }) => {
    const res = await fetch(streamUrl(app, '?direct_user=true'), { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...TUS, 'Upload-Defer-Length': '1' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/maxDurationSeconds/);
    const session = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: adminCookie, ...TUS, 'Upload-Defer-Length': '1', 'Upload-Metadata': deferred['Upload-Metadata'] } });
    expect(session.status).toBe(400);
  });

  test('tus-js-client streams a source of unknown length (uploadLengthDeferred) and it arrives byte-exact', async ({ app, token }) => {
    const data = randomFile(3 * 256 * 1024 + 123);
    const parts = [data.subarray(0, 300_000), data.subarray(300_000, 500_000), data.subarray(500_000)];
    const source = Readable.from(parts);
    let uid: string | null = null;
    await new Promise<void>((resolve, reject) => {
      const upload = new tus.Upload(source, {
        endpoint: streamUrl(app, '?direct_user=true'),
        headers: { Authorization: `Bearer ${token}` },
        uploadLengthDeferred: true,
        chunkSize: 256 * 1024,
        metadata: { maxdurationseconds: '60', name: 'stream.bin' },
        retryDelays: [],
        onAfterResponse(req, res) {
          if (req.getMethod() === 'POST') uid = res.getHeader('Stream-Media-ID') ?? null;
        },
        onSuccess: () => resolve(),
        onError: reject,
      });
      upload.start();
    });
    expect(uid).not.toBeNull();
    const video = await getVideo(app, token, uid!);
    expect(video.size).toBe(data.length);
    expect(sha256(await original(app, token, uid!))).toBe(sha256(data));
  });
});
