import { expect, test } from '../fixtures/test';
import { type Envelope, getVideo, metadata, mintOk, newUser, patch, streamUrl, type VideoJson } from '../fixtures/http';
import { randomFile, sha256 } from '../fixtures/tus';

async function list(app: { baseUrl: string }, auth: Record<string, string>, query = ''): Promise<Response> {
  return fetch(`${app.baseUrl}/client/v4/accounts/local/stream${query}`, { headers: auth });
}

async function listOk(app: { baseUrl: string }, auth: Record<string, string>, query = ''): Promise<VideoJson[]> {
  const res = await list(app, auth, query);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Envelope<VideoJson[]>;
  expect(body.success).toBe(true);
  return body.result;
}

test.describe('the video catalog API', () => {
  test('details carry the Cloudflare VIDEO fields plus review', async ({ app, token }) => {
    const { uid } = await mintOk(app, token, { 'Upload-Metadata': metadata({ name: 'fields.mp4' }) });
    const res = await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Envelope<Record<string, unknown>>;
    expect(body).toMatchObject({ success: true, errors: [], messages: [] });
    const video = body.result;
    for (const key of ['uid', 'creator', 'meta', 'created', 'modified', 'uploaded', 'uploadExpiry', 'maxDurationSeconds', 'duration', 'input', 'size', 'status', 'readyToStream', 'thumbnail', 'playback', 'review']) {
      expect(video, key).toHaveProperty(key);
    }
    expect(video).toMatchObject({ uid, duration: -1, input: { width: -1, height: -1 }, size: 1000, readyToStream: false, review: 'pending' });
    expect(video.status).toMatchObject({ state: 'pendingupload', errorReasonCode: '', errorReasonText: '' });
  });

  test('pctComplete follows the bytes that arrived', async ({ app, token }) => {
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': '1000' });
    await patch(location, 0, randomFile(250));
    expect((await getVideo(app, token, uid)).status.pctComplete).toBe('25');
  });

  test('the list is newest first and filters by status, creator, search, limit, after and before', async ({ app, token }) => {
    const auth = { Authorization: `Bearer ${token}` };
    const tag = `t${Date.now()}`;
    const a = await mintOk(app, token, { 'Upload-Metadata': metadata({ name: `${tag} Alpha.mp4` }), 'Upload-Creator': `${tag}-c1` });
    await new Promise((r) => setTimeout(r, 20));
    const b = await mintOk(app, token, { 'Upload-Length': '3', 'Upload-Metadata': metadata({ name: `${tag} Beta.mp4` }), 'Upload-Creator': `${tag}-c2` });
    await patch(b.location, 0, Buffer.from('abc'));
    await new Promise((r) => setTimeout(r, 20));
    const c = await mintOk(app, token, { 'Upload-Metadata': metadata({ name: `${tag} Gamma.mp4` }), 'Upload-Creator': `${tag}-c1` });

    const all = await listOk(app, auth, `?search=${tag}`);
    expect(all.map((v) => v.uid)).toEqual([c.uid, b.uid, a.uid]);
    expect((await listOk(app, auth, `?search=${tag}%20beta`)).map((v) => v.uid)).toEqual([b.uid]);
    expect((await listOk(app, auth, `?search=${tag}&status=pendingupload`)).map((v) => v.uid)).toEqual([c.uid, a.uid]);
    expect((await listOk(app, auth, `?creator=${tag}-c1`)).map((v) => v.uid)).toEqual([c.uid, a.uid]);
    expect((await listOk(app, auth, `?search=${tag}&limit=2`)).map((v) => v.uid)).toEqual([c.uid, b.uid]);
    const created = Object.fromEntries(all.map((v) => [v.uid, v.created]));
    expect((await listOk(app, auth, `?search=${tag}&after=${created[a.uid]}`)).map((v) => v.uid)).toEqual([c.uid, b.uid]);
    expect((await listOk(app, auth, `?search=${tag}&before=${created[c.uid]}`)).map((v) => v.uid)).toEqual([b.uid, a.uid]);
    expect(
      (await listOk(app, auth, `?search=${tag}&after=${created[a.uid]}&before=${created[c.uid]}`)).map((v) => v.uid),
    ).toEqual([b.uid]);
  });

  for (const query of ['?limit=0', '?limit=1001', '?limit=ten', '?status=done', '?after=yesterday', '?before=2030-01-01T00:00:00']) {
    test(`the list refuses ${query} with 400`, async ({ app, token }) => {
      const res = await list(app, { Authorization: `Bearer ${token}` }, query);
      expect(res.status).toBe(400);
      const body = (await res.json()) as Envelope;
      expect(body.success).toBe(false);
      expect(body.errors[0]!.message.length).toBeGreaterThan(10);
    });
  }

  test('original: 404 until complete, then the exact bytes with Range support', async ({ app, token }) => {
    const auth = { Authorization: `Bearer ${token}` };
    const data = randomFile(100_000);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length), 'Upload-Metadata': metadata({ filetype: 'video/mp4' }) });
    expect((await fetch(streamUrl(app, `/${uid}/original`), { headers: auth })).status).toBe(404);
    await patch(location, 0, data);
    const full = await fetch(streamUrl(app, `/${uid}/original`), { headers: auth });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/mp4');
    expect(full.headers.get('content-length')).toBe(String(data.length));
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(sha256(Buffer.from(await full.arrayBuffer()))).toBe(sha256(data));
    const part = await fetch(streamUrl(app, `/${uid}/original`), { headers: { ...auth, Range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${data.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true);
    const tail = await fetch(streamUrl(app, `/${uid}/original`), { headers: { ...auth, Range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(data.subarray(-10))).toBe(true);
    const beyond = await fetch(streamUrl(app, `/${uid}/original`), { headers: { ...auth, Range: `bytes=${data.length}-` } });
    expect(beyond.status).toBe(416);
  });

  test('a user sees only their own videos; another user gets 404; an admin sees all', async ({ app, token, adminCookie }) => {
    const alice = await newUser(app);
    const bob = await newUser(app);
    const mint = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { Cookie: alice.cookie, 'Upload-Length': '3' } });
    const uid = mint.headers.get('stream-media-id')!;
    await patch(mint.headers.get('location')!, 0, Buffer.from('abc'));

    expect((await listOk(app, { Cookie: alice.cookie })).map((v) => v.uid)).toContain(uid);
    expect((await listOk(app, { Cookie: bob.cookie })).map((v) => v.uid)).not.toContain(uid);
    expect((await listOk(app, { Cookie: adminCookie })).map((v) => v.uid)).toContain(uid);
    expect((await fetch(streamUrl(app, `/${uid}`), { headers: { Cookie: bob.cookie } })).status).toBe(404);
    expect((await fetch(streamUrl(app, `/${uid}/original`), { headers: { Cookie: bob.cookie } })).status).toBe(404);
    expect((await fetch(streamUrl(app, `/${uid}/original`), { headers: { Cookie: alice.cookie } })).status).toBe(200);
    // Only an admin (or a token) deletes.
    expect((await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: { Cookie: alice.cookie } })).status).toBe(403);
    expect((await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: { Cookie: adminCookie } })).status).toBe(200);
    expect((await fetch(streamUrl(app, `/${uid}`), { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  test('DELETE removes row and bytes; a second DELETE is 404', async ({ app, token }) => {
    const auth = { Authorization: `Bearer ${token}` };
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': '3' });
    await patch(location, 0, Buffer.from('abc'));
    const res = await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: auth });
    expect(res.status).toBe(200);
    expect((await fetch(streamUrl(app, `/${uid}`), { headers: auth })).status).toBe(404);
    expect((await fetch(streamUrl(app, `/${uid}`), { method: 'DELETE', headers: auth })).status).toBe(404);
  });

  test('sign-up: a duplicate email is 409, a short password 400, and a new account is an ordinary user', async ({ app }) => {
    const { signIn, signUp } = await import('../fixtures/http');
    const email = `dup${Date.now()}@example.com`;
    const created = await signUp(app.baseUrl, email, 'password123');
    expect(created.status).toBe(201);
    expect(((await created.json()) as Envelope<{ email: string; role: string }>).result).toMatchObject({ email, role: 'user' });
    expect((await signUp(app.baseUrl, email, 'password123')).status).toBe(409);
    expect((await signUp(app.baseUrl, `x${email}`, 'short')).status).toBe(400);
    const res = await fetch(`${app.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    // The role as stored, which every request reads: signed in (a list of its own), but not an admin.
    const cookie = await signIn(app.baseUrl, email, 'password123');
    expect(await listOk(app, { Cookie: cookie })).toEqual([]);
    expect((await fetch(`${app.baseUrl}/admin`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${app.baseUrl}/api/admin/webhook-deliveries`, { headers: { Cookie: cookie } })).status).toBe(403);
  });
});
