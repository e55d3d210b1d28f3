import { allStoredFiles, expect, test } from '../fixtures/test';
import { b64, type Envelope, getVideo, metadata, mintWithToken, newUser, streamUrl, TUS } from '../fixtures/http';

type Case = { name: string; headers: Record<string, string>; status: number; message?: RegExp; path?: string };

const future = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

const BAD_MINTS: Case[] = [
  { name: 'no Tus-Resumable', headers: { 'Tus-Resumable': '' }, status: 412, message: /Tus-Resumable/ },
  { name: 'another tus version', headers: { 'Tus-Resumable': '0.2.2' }, status: 412 },
  { name: 'no Upload-Length', headers: { 'Upload-Length': '' }, status: 400, message: /Upload-Length is required/ },
  { name: 'Upload-Length 0', headers: { 'Upload-Length': '0' }, status: 400, message: /at least 1 byte/ },
  { name: 'Upload-Length not a number', headers: { 'Upload-Length': 'ten' }, status: 400 },
  { name: 'Upload-Length negative', headers: { 'Upload-Length': '-5' }, status: 400 },
  { name: 'Upload-Length fractional', headers: { 'Upload-Length': '1.5' }, status: 400 },
  { name: 'Upload-Length past MAX_UPLOAD_BYTES', headers: { 'Upload-Length': String(5 * 1024 ** 3 + 1) }, status: 413, message: /too large/ },
  { name: 'metadata value not base64', headers: { 'Upload-Metadata': 'name !!!' }, status: 400, message: /not base64/ },
  { name: 'metadata value not UTF-8', headers: { 'Upload-Metadata': 'name /w==' }, status: 400, message: /UTF-8/ },
  { name: 'metadata duplicate key', headers: { 'Upload-Metadata': `name ${b64('a')},name ${b64('b')}` }, status: 400, message: /more than once/ },
  { name: 'metadata duplicate key in another case', headers: { 'Upload-Metadata': `name ${b64('a')},NAME ${b64('b')}` }, status: 400 },
  { name: 'metadata empty pair', headers: { 'Upload-Metadata': `name ${b64('a')},,filetype ${b64('video/mp4')}` }, status: 400, message: /empty pair/ },
  { name: 'metadata leading comma', headers: { 'Upload-Metadata': `,name ${b64('a')}` }, status: 400 },
  { name: 'metadata empty header', headers: { 'Upload-Metadata': ' ' }, status: 400 },
  { name: 'metadata two spaces', headers: { 'Upload-Metadata': `name  ${b64('a')}` }, status: 400 },
  { name: 'expiry without time zone', headers: { 'Upload-Metadata': metadata({ expiry: '2030-01-02T03:04:05' }) }, status: 400, message: /time zone/ },
  { name: 'expiry not a date', headers: { 'Upload-Metadata': metadata({ expiry: 'tomorrow' }) }, status: 400 },
  { name: 'expiry in the past', headers: { 'Upload-Metadata': metadata({ expiry: '2020-01-01T00:00:00Z' }) }, status: 400, message: /future/ },
  { name: 'expiry past MAX_UPLOAD_URL_TTL', headers: { 'Upload-Metadata': metadata({ expiry: future(604_800 + 3600) }) }, status: 400, message: /MAX_UPLOAD_URL_TTL/ },
  { name: 'maxDurationSeconds 0', headers: { 'Upload-Metadata': metadata({ maxDurationSeconds: '0' }) }, status: 400 },
  { name: 'maxDurationSeconds too long', headers: { 'Upload-Metadata': metadata({ maxdurationseconds: '36001' }) }, status: 400 },
  { name: 'maxDurationSeconds not a number', headers: { 'Upload-Metadata': metadata({ maxDurationSeconds: '1h' }) }, status: 400 },
  { name: 'thumbnailTimestampPct above 1', headers: { 'Upload-Metadata': metadata({ thumbnailtimestamppct: '1.5' }) }, status: 400 },
  { name: 'requiresignedurls with a value', headers: { 'Upload-Metadata': metadata({ requiresignedurls: 'maybe' }) }, status: 400 },
  { name: 'another account id', headers: {}, status: 404, path: '/client/v4/accounts/someone-else/stream?direct_user=true' },
];

async function rowCount(app: { baseUrl: string }, token: string): Promise<number> {
  const res = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream?limit=1000`, { headers: { Authorization: `Bearer ${token}` } });
  return ((await res.json()) as Envelope<unknown[]>).result.length;
}

test.describe('minting a one-time upload URL', () => {
  test('the API route answers 201 with Location, Stream-Media-ID and a pendingupload row', async ({ app, token }) => {
    const res = await mintWithToken(app, token, {
      'Upload-Length': '1234',
      'Upload-Metadata': `name ${b64('clip.mp4')} , maxDurationSeconds ${b64('60')},Custom-Key ${b64('kept')},flagonly`,
      'Upload-Creator': 'creator-42',
    });
    expect(res.status).toBe(201);
    const uid = res.headers.get('stream-media-id')!;
    expect(uid).toMatch(/^[0-9a-f]{32}$/);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${app.baseUrl}/api/tus/${uid}\\.`));
    expect(res.headers.get('tus-resumable')).toBe('1.0.0');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Location/);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Stream-Media-ID/);
    const video = await getVideo(app, token, uid);
    expect(video.status.state).toBe('pendingupload');
    expect(video.size).toBe(1234);
    expect(video.maxDurationSeconds).toBe(60);
    expect(video.creator).toBe('creator-42');
    expect(video.meta).toMatchObject({ name: 'clip.mp4', 'Custom-Key': 'kept', flagonly: '' });
    expect(new Date(video.uploadExpiry).getTime()).toBeGreaterThan(Date.now() + 86_000_000);
  });

  test('every mint gets a new, unguessable media ID', async ({ app, token }) => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await mintWithToken(app, token)).headers.get('stream-media-id')!);
    expect(ids.size).toBe(5);
  });

  for (const c of BAD_MINTS) {
    test(`refuses ${c.name} with ${c.status} in the envelope and leaves nothing behind`, async ({ app, token }) => {
      const rowsBefore = await rowCount(app, token);
      const filesBefore = allStoredFiles(app);
      const headers = Object.fromEntries(
        Object.entries({ Authorization: `Bearer ${token}`, ...TUS, 'Upload-Length': '1000', ...c.headers }).filter(([, v]) => v !== ''),
      );
      const res = await fetch(`${app.baseUrl}${c.path ?? '/client/v4/accounts/local/stream?direct_user=true'}`, { method: 'POST', headers });
      expect(res.status).toBe(c.status);
      const body = (await res.json()) as Envelope;
      expect(body.success).toBe(false);
      expect(body.result).toBeNull();
      expect(body.errors[0]!.code).toEqual(expect.any(Number));
      if (c.message) expect(body.errors[0]!.message).toMatch(c.message);
      if (c.status === 412) expect(res.headers.get('tus-version')).toBe('1.0.0');
      expect(await rowCount(app, token)).toBe(rowsBefore);
      expect(allStoredFiles(app)).toEqual(filesBefore);
    });
  }

  test('a missing or invalid API token is 401 in the envelope, never a redirect', async ({ app }) => {
    for (const authorization of [undefined, 'Bearer ups_not-a-real-token', 'Basic abc']) {
      for (const [method, url] of [
        ['POST', streamUrl(app, '?direct_user=true')],
        ['GET', streamUrl(app)],
        ['GET', streamUrl(app, '/0123456789abcdef0123456789abcdef')],
        ['DELETE', streamUrl(app, '/0123456789abcdef0123456789abcdef')],
        ['GET', streamUrl(app, '/0123456789abcdef0123456789abcdef/original')],
      ] as const) {
        const res = await fetch(url, {
          method,
          redirect: 'manual',
          headers: { ...TUS, 'Upload-Length': '10', ...(authorization ? { Authorization: authorization } : {}) },
        });
        expect(res.status, `${method} ${url} with ${authorization}`).toBe(401);
        const body = (await res.json()) as Envelope;
        expect(body).toMatchObject({ success: false, result: null, messages: [] });
      }
    }
  });

  test('the session route refuses a visitor with 401 and leaves nothing behind', async ({ app, token }) => {
    const rowsBefore = await rowCount(app, token);
    const res = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', redirect: 'manual', headers: { ...TUS, 'Upload-Length': '10' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as Envelope).success).toBe(false);
    const forged = await fetch(`${app.baseUrl}/api/uploads`, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...TUS, 'Upload-Length': '10', Cookie: 'next-auth.session-token=forged' },
    });
    expect(forged.status).toBe(401);
    expect(await rowCount(app, token)).toBe(rowsBefore);
  });

  test('the session route clamps looser limits to the defaults and makes the user the creator', async ({ app, token }) => {
    const user = await newUser(app);
    const res = await fetch(`${app.baseUrl}/api/uploads`, {
      method: 'POST',
      headers: {
        Cookie: user.cookie,
        'Upload-Length': '500',
        'Upload-Metadata': metadata({ filename: 'mine.mov', maxDurationSeconds: '36000', expiry: future(500_000) }),
      },
    });
    expect(res.status).toBe(201);
    const video = await getVideo(app, token, res.headers.get('stream-media-id')!);
    expect(video.maxDurationSeconds).toBe(3600);
    expect(new Date(video.uploadExpiry).getTime()).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect(video.meta.name).toBe('mine.mov');
    expect(video.creator).not.toBeNull();

    const tighter = await fetch(`${app.baseUrl}/api/uploads`, {
      method: 'POST',
      headers: { Cookie: user.cookie, ...TUS, 'Upload-Length': '500', 'Upload-Metadata': metadata({ maxDurationSeconds: '30' }) },
    });
    expect((await getVideo(app, token, tighter.headers.get('stream-media-id')!)).maxDurationSeconds).toBe(30);
  });
});
