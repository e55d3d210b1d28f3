import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type AppServer, makeDataDir, runScript, startApp } from '../fixtures/app-server';
import { type Envelope, newUser, signIn, signUp, streamUrl } from '../fixtures/http';
import { attemptSignIn } from '../fixtures/sign-in-attempt';
import { ADMIN, expect, test } from '../fixtures/test';

/** The review's findings on accounts and sessions (issue 13), each proven against the running app. */

const MiB = 1024 * 1024;

/** 200 when the cookie is a live session of an admin, 403 for a live ordinary session, else the sign-in redirect. */
async function adminPageStatus(app: AppServer, cookie: string): Promise<number> {
  return (await fetch(`${app.baseUrl}/admin`, { headers: { Cookie: cookie }, redirect: 'manual' })).status;
}

/** Whether the cookie is a live session (a JSON route that needs one). */
async function isSignedIn(app: AppServer, cookie: string, headers: Record<string, string> = {}): Promise<boolean> {
  const res = await fetch(streamUrl(app), { headers: { ...headers, Cookie: cookie } });
  if (res.status !== 200 && res.status !== 401) throw new Error(`unexpected ${res.status}`);
  return res.status === 200;
}

test.describe('ADMIN_EMAIL never promotes an existing ordinary account', () => {
  test('start is refused with a message saying how to promote; `npm run user -- promote` does it and ends the old session', async ({ dbEnv }) => {
    const dataDir = makeDataDir('promote');
    const email = 'early-bird@example.com';
    let app = await startApp({ dataDir, env: dbEnv });
    try {
      expect((await signUp(app.baseUrl, email, 'password123')).status).toBe(201);
      const oldSession = await signIn(app.baseUrl, email, 'password123');
      await app.stop();

      const refused = await startApp({ dataDir, port: app.port, env: { ...dbEnv, ADMIN_EMAIL: email, ADMIN_PASSWORD: 'admin-password-1' } }).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(refused).toContain('Upstream did not start.');
      expect(refused).toContain(`npm run user -- promote ${email}`);

      app = await startApp({ dataDir, port: app.port, env: dbEnv });
      expect(await adminPageStatus(app, oldSession)).toBe(403);

      const promoted = await runScript(['scripts/user.ts', 'promote', email], app.env);
      expect(promoted.code, promoted.stderr).toBe(0);
      // A role change ends the sessions made before it.
      expect(await isSignedIn(app, oldSession)).toBe(false);
      expect(await adminPageStatus(app, await signIn(app.baseUrl, email, 'password123'))).toBe(200);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('sessions carry a version checked on every request', () => {
  test('sign-out everywhere ends every session of the account, on every device; a new sign-in works', async ({ app }) => {
    const { email, cookie: phone } = await newUser(app);
    const laptop = await signIn(app.baseUrl, email, 'password123');
    const other = await newUser(app);
    expect(await isSignedIn(app, phone)).toBe(true);
    expect(await isSignedIn(app, laptop)).toBe(true);

    const res = await fetch(`${app.baseUrl}/api/account/sign-out-everywhere`, { method: 'POST', headers: { Cookie: phone } });
    expect(res.status).toBe(200);
    expect(await isSignedIn(app, phone)).toBe(false);
    expect(await isSignedIn(app, laptop)).toBe(false);
    // Only this account's sessions.
    expect(await isSignedIn(app, other.cookie)).toBe(true);
    // The Node-path edges (tus originals, thumbnails…) use the same check: the original of nothing is 401, not 404.
    expect((await fetch(streamUrl(app, `/${'0'.repeat(32)}/original`), { headers: { Cookie: laptop } })).status).toBe(401);
    expect(await isSignedIn(app, await signIn(app.baseUrl, email, 'password123'))).toBe(true);
  });

  test('a password change (ADMIN_PASSWORD at restart) ends the sessions signed in with the old one', async ({ dbEnv }) => {
    const dataDir = makeDataDir('password');
    let app = await startApp({ dataDir, env: { ...dbEnv, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    try {
      const old = await signIn(app.baseUrl, ADMIN.email, ADMIN.password);
      expect(await adminPageStatus(app, old)).toBe(200);
      await app.stop();
      app = await startApp({ dataDir, port: app.port, env: { ...dbEnv, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: 'a-brand-new-password' } });
      expect(await isSignedIn(app, old)).toBe(false);
      expect(await adminPageStatus(app, await signIn(app.baseUrl, ADMIN.email, 'a-brand-new-password'))).toBe(200);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('Secure cookies behind a TLS proxy', () => {
  test('with TRUST_PROXY=1 and X-Forwarded-Proto: https the session cookie is Secure (and __Secure- named) and works', async ({ dbEnv }) => {
    const dataDir = makeDataDir('secure');
    const app = await startApp({ dataDir, env: { ...dbEnv, TRUST_PROXY: '1' } });
    try {
      const https = { 'X-Forwarded-Proto': 'https' };
      expect((await signUp(app.baseUrl, 'tls@example.com', 'password123')).status).toBe(201);
      const attempt = await attemptSignIn(app.baseUrl, 'tls@example.com', 'password123', https);
      const session = attempt.setCookies.find((c) => /session-token=[^;]/.test(c))!;
      expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
      expect(session).toMatch(/;\s*Secure/i);
      expect(await isSignedIn(app, attempt.cookie!, https)).toBe(true);

      // Plain http through the same proxy: no Secure flag (the browser would drop the cookie otherwise).
      const plain = await attemptSignIn(app.baseUrl, 'tls@example.com', 'password123', { 'X-Forwarded-Proto': 'http' });
      expect(plain.setCookies.find((c) => /session-token=[^;]/.test(c))).not.toMatch(/;\s*Secure/i);
    } finally {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('without TRUST_PROXY a client cannot claim https', async ({ app }) => {
    const { email } = await newUser(app);
    const attempt = await attemptSignIn(app.baseUrl, email, 'password123', { 'X-Forwarded-Proto': 'https' });
    expect(attempt.setCookies.find((c) => /session-token=[^;]/.test(c))).toMatch(/^next-auth\.session-token=/);
  });
});

test.describe('the auth secret file', () => {
  test('an empty or short data/auth-secret stops the start with a message; a generated one is 0600 and long', async ({ dbEnv }) => {
    const dataDir = makeDataDir('secret');
    try {
      const app = await startApp({ dataDir, env: dbEnv });
      await app.stop();
      const file = path.join(dataDir, 'auth-secret');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);

      for (const content of ['', 'short-secret']) {
        fs.writeFileSync(file, content);
        const refused = await startApp({ dataDir, env: dbEnv }).then(
          () => null,
          (error: Error) => error.message,
        );
        expect(refused).toContain('Upstream did not start.');
        expect(refused).toMatch(/auth secret .* (is empty|only \d+ characters long)/);
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('sign-in timing does not reveal which emails exist', () => {
  test('an unknown email costs the same password check as a wrong password', async ({ app }) => {
    const { email } = await newUser(app);
    const time = async (who: string) => {
      const started = performance.now();
      await attemptSignIn(app.baseUrl, who, 'not-the-password');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time(email));
      unknown.push(await time(`nobody-${i}@example.com`));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2]!;
    console.log(`Sign-in, wrong password: ${known.map(Math.round).join(', ')} ms; unknown email: ${unknown.map(Math.round).join(', ')} ms`);
    // argon2 dominates a failed sign-in; without it an unknown email answered several times faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });
});

/**
 * POSTs `body` on a connection of its own (node:http): the app answers 413 before reading the
 * body, and a shared keep-alive connection would be left mid-body. `chunked`: no Content-Length.
 */
function sendBig(url: string, method: string, headers: Record<string, string>, body: Buffer, chunked = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(chunked ? {} : { 'Content-Length': String(body.length) }) }, agent: false });
    req.once('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    let answered = false;
    req.once('response', () => (answered = true));
    // The app may close once it has answered; an error after the answer is not a failure.
    req.once('error', (error) => (answered ? undefined : reject(error)));
    // Like a client sending `Expect: 100-continue`: the headers first, and the body only if no
    // answer comes from them alone (a declared length over the limit is refused at once). Writing
    // megabytes the app will not read races its close: the reset can drop the 413 before it is read.
    req.flushHeaders();
    setTimeout(() => {
      if (answered) return;
      for (let i = 0; i < body.length; i += MiB) req.write(body.subarray(i, i + MiB));
      req.end();
    }, 300);
  });
}

test.describe('JSON request bodies over 1 MiB are refused with 413 before they are read whole', () => {
  test('sign-up (declared length and chunked), the webhook, and next-auth endpoints', async ({ app, token }) => {
    const json = { 'Content-Type': 'application/json' };
    const big = Buffer.from(JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(5 * MiB) }));
    const declared = await sendBig(`${app.baseUrl}/api/sign-up`, 'POST', json, big);
    expect(declared.status).toBe(413);
    expect((JSON.parse(declared.text) as Envelope).errors[0]!.message).toMatch(/larger than 1 MiB/);
    expect((await sendBig(`${app.baseUrl}/api/sign-up`, 'POST', json, big, true)).status).toBe(413);

    const hook = Buffer.from(JSON.stringify({ notificationUrl: `https://example.com/${'x'.repeat(2 * MiB)}` }));
    expect((await sendBig(streamUrl(app, '/webhook'), 'PUT', { ...json, Authorization: `Bearer ${token}` }, hook)).status).toBe(413);

    const form = Buffer.from(`email=a%40example.com&password=${'x'.repeat(2 * MiB)}`);
    for (const endpoint of ['callback/credentials', 'signout']) {
      expect((await sendBig(`${app.baseUrl}/api/auth/${endpoint}`, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, form)).status, endpoint).toBe(413);
    }
  });
});

test.describe('malformed percent-encoding in a path', () => {
  test('answers 400 (JSON on the API), never 500, for every method', async ({ app, token }) => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      const res = await fetch(streamUrl(app, '/%ff'), { method, headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, method).toBe(400);
      if (method !== 'HEAD') expect(res.headers.get('content-type'), method).toContain('application/json');
    }
    for (const path of ['/stream/%ff/thumbnails/thumbnail.jpg', '/videos/%ff', '/stream/%E0%A4%A/watch', '/api/tus/%ff']) {
      expect((await fetch(`${app.baseUrl}${path}`)).status, path).toBe(400);
    }
  });
});

test.describe('security headers', () => {
  test('pages carry a nonce CSP that their scripts use, frame-ancestors none, nosniff and a Referrer-Policy; the API a deny-all CSP', async ({ app }) => {
    const page = await fetch(`${app.baseUrl}/sign-in`);
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline\' \'strict');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const api = await fetch(`${app.baseUrl}/api/health`);
    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');

    // The embeddable player pages may be framed.
    const embed = await fetch(`${app.baseUrl}/stream/${'a'.repeat(32)}/iframe`);
    expect(embed.headers.get('content-security-policy')).not.toContain("frame-ancestors 'none'");
  });
});
