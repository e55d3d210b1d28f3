import fs from 'node:fs';
import { createApiTokenWithCli, makeDataDir, ROOT, startApp } from '../fixtures/app-server';
import { b64, mintOk, newUser } from '../fixtures/http';
import { expect, test } from '../fixtures/test';

/**
 * CONTRACT §9: no input, however malformed (headers, metadata, bodies, paths, query strings),
 * gets a 5xx or a stack trace, on any route. Seeded: FUZZ_SEED=<n> replays a run.
 */

const COUNT = Number(process.env.FUZZ_COUNT ?? 520);
const AT_ONCE = 12;

/** mulberry32: small, seedable, good enough to pick test cases. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Case = { method: string; path: string; headers: Record<string, string>; body?: Buffer | string };

function generator(rand: () => number, ctx: { uid: string; tusPath: string; token: string; cookie: string }) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (max: number) => Math.floor(rand() * max);
  const printable = (length: number) => Array.from({ length }, () => String.fromCharCode(0x20 + int(0x5f))).join('');
  const uid = ctx.uid;
  const routes = [
    '/',
    '/videos',
    `/videos/${uid}`,
    '/admin',
    '/account',
    '/sign-in',
    '/sign-up',
    '/api/health',
    '/api/sign-up',
    '/api/uploads',
    '/api/account/sign-out-everywhere',
    '/api/admin/webhook-deliveries',
    '/api/auth/csrf',
    '/api/auth/session',
    '/api/auth/providers',
    '/api/auth/signin',
    '/api/auth/signout',
    '/api/auth/callback/credentials',
    '/api/auth/error',
    ctx.tusPath,
    `/api/tus/${uid}.1.abc`,
    '/client/v4/accounts/local/stream',
    `/client/v4/accounts/local/stream/${uid}`,
    `/client/v4/accounts/local/stream/${uid}/original`,
    `/client/v4/accounts/local/stream/${uid}/downloads`,
    `/client/v4/accounts/local/stream/${uid}/token`,
    '/client/v4/accounts/local/stream/webhook',
    '/client/v4/accounts/local/stream/direct_upload',
    '/client/v4/accounts/local/stream/copy',
    '/client/v4/accounts/local/stream/keys',
    '/client/v4/accounts/local/stream/storage-usage',
    '/client/v4/accounts/other/stream',
    '/client/v4/nothing/here',
    `/stream/${uid}/thumbnails/thumbnail.jpg`,
    `/stream/${uid}/watch`,
    `/stream/${uid}/iframe`,
    `/stream/${uid}/manifest/video.m3u8`,
    `/stream/${uid}/manifest/video.mpd`,
  ];
  const badSegments = ['%ff', '%', '%0', '%00', '%e0%a4', '..', '%2e%2e', '%2f', 'x'.repeat(3000), 'ünï©ødé', '%C0%AF', '\u202e', '*', ';', '?', '#'];
  const mutatePath = (path: string) => {
    const parts = path.split('/');
    switch (int(5)) {
      case 0:
        parts[1 + int(parts.length - 1)] = pick(badSegments);
        return parts.join('/');
      case 1:
        return `${path}/${pick(badSegments)}`;
      case 2:
        return path.replace(/\//g, () => (rand() < 0.2 ? '//' : '/'));
      default:
        return path;
    }
  };
  const queryValues = ['', 'abc', '-1', '0', '1e309', '99999999999999999999', 'NaN', '%ff', '%', '2.5s', '2.5ms', 'ready', 'true', '2026-13-45T99:99:99Z', 'x'.repeat(2000), '[]', '{}', '\u0000'];
  const queryKeys = ['time', 'height', 'status', 'creator', 'search', 'limit', 'after', 'before', 'asc', 'start', 'end', 'include_counts', 'direct_user', 'callbackUrl', 'cursor', 'review', 'json', 'error', printable(5)];
  const query = () => {
    if (rand() < 0.3) return '';
    return `?${Array.from({ length: 1 + int(4) }, () => `${encodeURIComponent(pick(queryKeys))}=${rand() < 0.2 ? pick(['%ff', '%', '%zz']) : encodeURIComponent(pick(queryValues))}`).join('&')}`;
  };
  const headerChoices: (() => [string, string])[] = [
    () => ['Upload-Length', pick(['', '-1', '0', 'abc', '1e3', '99999999999999999999999', ' 10', '10', String(2 ** 53)])],
    () => ['Upload-Metadata', pick(['', ',', 'name', 'name !!!', `name ${b64('x')},name ${b64('y')}`, `expiry ${b64('yesterday')}`, `maxdurationseconds ${b64('-5')}`, `thumbnailtimestamppct ${b64('7')}`, `sha256 ${b64('zz')}`, printable(40)])],
    () => ['Tus-Resumable', pick(['', '0.2.2', '1.0.0', printable(8)])],
    () => ['Upload-Offset', pick(['', '-1', 'abc', '0', '999999999999'])],
    () => ['Upload-Checksum', pick(['', 'sha1', 'md5 !!!', 'sha256 abc', 'crc32 AAAA', printable(20)])],
    () => ['Upload-Defer-Length', pick(['1', '0', 'yes'])],
    () => ['Content-Type', pick(['application/json', 'application/offset+octet-stream', 'multipart/form-data', 'multipart/form-data; boundary=xyz', 'application/x-www-form-urlencoded', 'text/plain', printable(12)])],
    () => ['Authorization', pick(['', 'Bearer', 'Bearer x', `Bearer ${ctx.token}`, `Bearer ${ctx.token}x`, 'Basic Zm9vOmJhcg==', printable(30)])],
    () => ['Cookie', pick(['', 'next-auth.session-token=abc', ctx.cookie, `${ctx.cookie}x`, 'a=%ff', printable(30), '=;=;'])],
    () => ['Range', pick(['bytes=0-', 'bytes=5-1', 'bytes=-0', 'bytes=abc', 'items=0-1', 'bytes=0-1,2-3,4-5'])],
    () => ['Origin', pick(['null', 'https://evil.example', printable(20)])],
    () => ['X-Forwarded-Proto', pick(['https', 'gopher', printable(5)])],
    () => ['X-Forwarded-For', pick(['1.2.3.4', 'not-an-ip', printable(30)])],
    () => ['X-HTTP-Method-Override', pick(['PATCH', 'DELETE', 'TRACE', printable(6)])],
    () => ['Content-Length', pick(['0', '5'])],
    () => ['Access-Control-Request-Headers', pick(['x-a', '', printable(30)])],
  ];
  const bodies: (() => Buffer | string | undefined)[] = [
    () => undefined,
    () => '',
    () => '{',
    () => 'null',
    () => '[]',
    () => '"text"',
    () => JSON.stringify({ email: rand() < 0.5 ? 42 : 'x', password: rand() < 0.5 ? null : 'y'.repeat(int(300)) }),
    () => JSON.stringify({ notificationUrl: pick(['ftp://x', 'http://', 42, null, 'https://example.com/hook']) }),
    () => JSON.stringify({ maxDurationSeconds: pick([-1, 0, 'x', 1e12, 60]), meta: pick([[], 'x', { name: 1 }]), expiry: 'never' }),
    () => JSON.stringify({ url: pick(['file:///etc/passwd', 'http://127.0.0.1:1/', 'notaurl', 42]) }),
    () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
    () => Buffer.from(Array.from({ length: int(4096) }, () => int(256))),
    () => 'email=%ff&password=%&csrfToken=',
    () => '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\nabc\r\n--xyz--\r\n',
    () => '--xyz\r\nbroken',
    () => 'x'.repeat(1024 * 1024 + 10),
  ];
  return (): Case => {
    const method = pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE'.slice(0, 0) || 'GET']);
    const headers: Record<string, string> = {};
    for (let i = int(5); i > 0; i--) {
      const [name, value] = pick(headerChoices)();
      if (name === 'Content-Length') continue; // fetch sets it from the body
      headers[name] = value;
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : pick(bodies)();
    return { method, path: `${mutatePath(pick(routes))}${query()}`, headers, body };
  };
}

/** Routes that answer JSON (Cloudflare's envelope or next-auth-free JSON): never HTML, never empty. */
function isJsonRoute(path: string): boolean {
  return /^\/(client\/v4|api\/(health|sign-up|uploads|account|admin))(\/|\?|$)/.test(path);
}

const STACK = /\n\s+at [^\n]*(:\d+:\d+|\(native\))|node_modules|\/work\/|webpack-internal/;

test('a seeded fuzz run: ≥ 500 malformed requests across every route, no 5xx, JSON routes answer JSON, no stack trace', async ({ dbEnv }) => {
  test.setTimeout(900_000);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  console.log(`Fuzz seed: ${seed} (replay with FUZZ_SEED=${seed})`);
  const dataDir = makeDataDir('fuzz');
  const app = await startApp({ dataDir, env: dbEnv });
  try {
    const token = await createApiTokenWithCli(app, 'fuzz');
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': '100' });
    const { cookie } = await newUser(app);
    const next = generator(random(seed), { uid, tusPath: new URL(location).pathname, token, cookie });
    const cases = Array.from({ length: COUNT }, next);
    const failures: string[] = [];
    let answered = 0;
    for (let i = 0; i < cases.length; i += AT_ONCE) {
      await Promise.all(
        cases.slice(i, i + AT_ONCE).map(async (c, j) => {
          const label = `#${i + j} ${c.method} ${c.path.slice(0, 120)} ${JSON.stringify(c.headers).slice(0, 200)}`;
          let res: Response;
          try {
            res = await fetch(`${app.baseUrl}${c.path}`, { method: c.method, headers: c.headers, body: c.body as BodyInit | undefined, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
          } catch (error) {
            // A request the client library itself refuses to send (e.g. a header value it rejects) proves nothing either way.
            if (error instanceof TypeError && !String((error as { cause?: unknown }).cause ?? '').includes('ECONNRESET') && !String(error.cause ?? '').includes('other side closed')) return;
            failures.push(`${label}: no answer (${String((error as { cause?: unknown }).cause ?? error)})`);
            console.log(failures.at(-1));
            return;
          }
          const text = await res.text().catch(() => '');
          answered += 1;
          if (res.status >= 500) failures.push(`${label}: ${res.status} ${text.slice(0, 200)}`);
          if (STACK.test(text) || text.includes(ROOT)) failures.push(`${label}: stack trace or path in the body: ${text.slice(0, 300)}`);
          // Empty answers (HEAD, 204, redirects, Next's bare 405 for a method a route does not export) carry no format.
          const hasBody = c.method !== 'HEAD' && text.length > 0 && !(res.status >= 300 && res.status < 400);
          // The path as sent: fetch resolves dot segments (`/client/v4/../x` is `/client/x`).
          if (isJsonRoute(new URL(`${app.baseUrl}${c.path}`).pathname) && hasBody && !(res.headers.get('content-type') ?? '').includes('application/json')) {
            failures.push(`${label}: ${res.status} answered ${res.headers.get('content-type')} on a JSON route: ${text.slice(0, 120)}`);
          }
        }),
      );
    }
    console.log(`Fuzz: ${answered} of ${cases.length} requests answered; ${failures.length} failure(s).`);
    expect(answered).toBeGreaterThanOrEqual(Math.min(500, COUNT - 20));
    expect(failures, `seed ${seed}`).toEqual([]);
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

// A case the seeded run found (seed 1364861467): a malformed multipart POST to a page outside
// the route handlers' trees (/client/<not v4>/… is the 404 page) answered 500.
for (const path of ['/videos', '/client/x/accounts/local/stream/copy', '/clientele']) {
  test(`a malformed multipart POST to the page ${path} answers 400 with a message, not 500`, async ({ app }) => {
    const res = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=xyz' }, body: 'not multipart' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This page takes no uploads');
  });
}
