import { expect, storedFiles, test } from '../fixtures/test';
import { getVideo, head, metadata, mintOk, patch, streamUrl, TUS } from '../fixtures/http';
import { UPLOADED } from '../fixtures/states';
import { randomFile, sha256 } from '../fixtures/tus';

const METHODS = ['HEAD', 'PATCH', 'DELETE'] as const;

function tusRequest(location: string, method: string, extra: Record<string, string> = {}, body?: Buffer) {
  return fetch(location, {
    method,
    headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0', ...extra },
    body: method === 'PATCH' ? ((body ?? Buffer.from('hello')) as unknown as BodyInit) : undefined,
  });
}

test.describe('the one-time tus URL', () => {
  test('OPTIONS lists the extensions and a preflight allows the headers it asks for', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token);
    const res = await fetch(location, {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'upload-offset, x-request-id' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('tus-extension')).toMatch(/termination/);
    expect(res.headers.get('tus-extension')).toMatch(/expiration/);
    expect(res.headers.get('tus-version')).toBe('1.0.0');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://elsewhere.example');
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/x-request-id/i);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
    expect(res.headers.get('stream-media-id')).toBe(uid);
  });

  test('HEAD answers offset, length, expiry, no-store, the media ID and CORS for any origin', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '10' });
    const res = await head(location, { ...TUS, Origin: 'https://app.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('upload-offset')).toBe('0');
    expect(res.headers.get('upload-length')).toBe('10');
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    expect(new Date(res.headers.get('upload-expires')!).getTime()).toBeGreaterThan(Date.now());
    expect(res.headers.get('upload-expires')).toMatch(/GMT$/);
    expect(res.headers.get('stream-media-id')).toBe(uid);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const exposed = res.headers.get('access-control-expose-headers')!;
    for (const name of ['Upload-Offset', 'Upload-Length', 'Upload-Expires', 'Location', 'Stream-Media-ID', 'Tus-Resumable', 'Tus-Version', 'Tus-Extension', 'Tus-Max-Size']) {
      expect(exposed).toContain(name);
    }
  });

  test('a tampered URL or a foreign uid is 404 and writes nothing', async ({ app, token }) => {
    const a = await mintOk(app, token, { 'Upload-Length': '5' });
    const b = await mintOk(app, token, { 'Upload-Length': '5' });
    const sig = a.location.slice(-43);
    const flipped = a.location.slice(0, -1) + (a.location.endsWith('A') ? 'B' : 'A');
    const foreign = a.location.replace(a.uid, b.uid);
    const seconds = /\/api\/tus\/[0-9a-f]{32}\.(\d+)\./.exec(a.location)![1]!;
    const wrongExpiry = a.location.replace(`.${seconds}.`, `.${Number(seconds) + 1}.`);
    const garbage = `${app.baseUrl}/api/tus/${a.uid}`;
    for (const url of [flipped, foreign, wrongExpiry, garbage, a.location.replace(sig, '')]) {
      for (const method of METHODS) {
        const res = await tusRequest(url, method);
        expect(res.status, `${method} ${url}`).toBe(404);
      }
    }
    expect((await head(a.location)).headers.get('upload-offset')).toBe('0');
    expect((await head(b.location)).headers.get('upload-offset')).toBe('0');
    expect((await getVideo(app, token, a.uid)).status.state).toBe('pendingupload');
  });

  test('PATCH errors: wrong offset 409, missing or wrong Content-Type 415, past the length 413, no Tus-Resumable 412', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '10' });
    expect((await tusRequest(location, 'PATCH', { 'Upload-Offset': '3' })).status).toBe(409);
    const noType = await fetch(location, { method: 'PATCH', headers: { ...TUS, 'Upload-Offset': '0' }, body: Buffer.from('abc') });
    expect(noType.status).toBe(415);
    expect((await tusRequest(location, 'PATCH', { 'Content-Type': 'application/octet-stream' })).status).toBe(415);
    const noTus = await fetch(location, { method: 'PATCH', headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' }, body: Buffer.from('abc') });
    expect(noTus.status).toBe(412);
    expect(noTus.headers.get('tus-version')).toBe('1.0.0');
    const tooLong = await tusRequest(location, 'PATCH', {}, Buffer.from('0123456789ABC'));
    expect(tooLong.status).toBe(413);
    expect((await head(location)).headers.get('upload-offset')).toBe('0');
    // A body without Content-Length that runs past the length: nothing past the length is stored.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('0123456'));
        controller.enqueue(new TextEncoder().encode('789ABCDEF'));
        controller.close();
      },
    });
    const chunked = await fetch(location, {
      method: 'PATCH',
      headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    const offset = Number((await head(location)).headers.get('upload-offset'));
    expect(offset).toBeLessThanOrEqual(10);
    expect((await getVideo(app, token, uid)).status.state).toBe('pendingupload');
  });

  test('the bytes of an interrupted PATCH are kept and HEAD counts them', async ({ app, token }) => {
    const data = randomFile(8 * 1024 * 1024);
    const { location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    const controller = new AbortController();
    const body = new ReadableStream({
      start(c) {
        c.enqueue(data.subarray(0, 3 * 1024 * 1024));
        setTimeout(() => controller.abort(), 500);
      },
    });
    await fetch(location, {
      method: 'PATCH',
      headers: { ...TUS, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
      body,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit).catch(() => null);
    await expect.poll(async () => Number((await head(location)).headers.get('upload-offset'))).toBe(3 * 1024 * 1024);
    const rest = await patch(location, 3 * 1024 * 1024, data.subarray(3 * 1024 * 1024));
    expect(rest.status).toBe(204);
  });

  test('once complete, PATCH and DELETE are 403 before any other check; HEAD reports the full offset', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '5' });
    expect((await patch(location, 0, Buffer.from('hello'))).status).toBe(204);
    expect((await getVideo(app, token, uid)).status.state).toMatch(UPLOADED);
    expect((await patch(location, 5, Buffer.from('more'))).status).toBe(403);
    expect((await patch(location, 0, Buffer.from('hello'))).status).toBe(403);
    expect((await fetch(location, { method: 'PATCH', body: 'x' })).status).toBe(403);
    expect((await fetch(location, { method: 'DELETE' })).status).toBe(403);
    expect((await tusRequest(location, 'DELETE')).status).toBe(403);
    const res = await head(location);
    expect(res.status).toBe(200);
    expect(res.headers.get('upload-offset')).toBe('5');
    expect(res.headers.get('upload-expires')).toBeNull();
    expect(storedFiles(app, uid)).toContain(uid);
  });

  test('DELETE cancels: 204, bytes removed, ERR_CANCELLED, then 410 on every method and no original', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '10' });
    expect((await patch(location, 0, Buffer.from('hello'))).status).toBe(204);
    const res = await tusRequest(location, 'DELETE');
    expect(res.status).toBe(204);
    for (const method of METHODS) expect((await tusRequest(location, method)).status, method).toBe(410);
    const video = await getVideo(app, token, uid);
    expect(video.status.state).toBe('error');
    expect(video.status.errorReasonCode).toBe('ERR_CANCELLED');
    expect(storedFiles(app, uid)).toEqual([]);
    expect((await fetch(streamUrl(app, `/${uid}/original`), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  test('an expired URL answers 410; the cleanup removes its bytes with ERR_UPLOAD_EXPIRED; still 410', async ({ app, token }) => {
    const expiry = new Date(Date.now() + 2_000).toISOString();
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '10', 'Upload-Metadata': metadata({ expiry }) });
    expect((await patch(location, 0, Buffer.from('hello'))).status).toBe(204);
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await head(location)).status).toBe(410);
    expect((await patch(location, 5, Buffer.from('world'))).status).toBe(410);
    await expect
      .poll(async () => (await getVideo(app, token, uid)).status.errorReasonCode, { timeout: 60_000 })
      .toBe('ERR_UPLOAD_EXPIRED');
    expect((await getVideo(app, token, uid)).status.state).toBe('error');
    expect(storedFiles(app, uid)).toEqual([]);
    for (const method of METHODS) expect((await tusRequest(location, method)).status).toBe(410);
  });

  test('once the video is deleted its URL answers 404 to every method', async ({ app, token }) => {
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': '10' });
    expect((await patch(location, 0, Buffer.from('hello'))).status).toBe(204);
    const del = await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    expect(del.status).toBe(200);
    for (const method of [...METHODS, 'OPTIONS'] as const) {
      const res = await tusRequest(location, method);
      expect(res.status, method).toBe(404);
    }
    expect(storedFiles(app, uid)).toEqual([]);
  });

  test('a complete upload through PATCHes of any size arrives byte-exact', async ({ app, token }) => {
    const data = randomFile(3 * 1024 * 1024 + 17);
    const { location, uid } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    let offset = 0;
    for (const size of [1, 1024 * 1024, 7, 2 * 1024 * 1024 + 9]) {
      const res = await patch(location, offset, data.subarray(offset, offset + size));
      expect(res.status).toBe(204);
      offset += size;
      expect(res.headers.get('upload-offset')).toBe(String(offset));
    }
    const res = await fetch(streamUrl(app, `/${uid}/original`), { headers: { Authorization: `Bearer ${token}` } });
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(data));
  });
});
