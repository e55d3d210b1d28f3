import { expect, test } from '../fixtures/test';

/**
 * The app's own JSON APIs (/api/*, but next-auth's and the tus URLs) and the /client/v4 routes
 * that take few methods answer a wrong method as the rest of the API does: 405 in Cloudflare's
 * envelope with `Allow`, never Next's empty 405.
 */

const UID = '0123456789abcdef0123456789abcdef';
const S = '/client/v4/accounts/local/stream';

/** [method, path, Allow] */
const WRONG_METHODS: [string, string, string][] = [
  ['POST', '/api/health', 'GET'],
  ['DELETE', '/api/health', 'GET'],
  ['GET', '/api/sign-up', 'POST'],
  ['PUT', '/api/uploads', 'POST'],
  ['GET', '/api/account/sign-out-everywhere', 'POST'],
  ['POST', '/api/admin/webhook-deliveries', 'GET'],
  ['GET', `${S}/${UID}/token`, 'POST'],
  ['PUT', `${S}/${UID}/downloads`, 'GET, POST, DELETE'],
  ['DELETE', `${S}/keys`, 'GET, POST'],
  ['GET', `${S}/keys/abc`, 'DELETE'],
];

for (const [method, path, allow] of WRONG_METHODS) {
  test(`${method} ${path.replace(UID, '{uid}')} → 405 JSON with Allow: ${allow}`, async ({ app, token }) => {
    const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { success: boolean; errors: { code: number; message: string }[]; result: unknown };
    expect(body.success).toBe(false);
    expect(body.result).toBeNull();
    expect(body.errors[0]!.code).toBe(10009);
    expect(body.errors[0]!.message).toContain(method);
  });
}

test('a thumbnail refusal is plain text with its status (an <img> asked, not an API client)', async ({ app }) => {
  const res = await fetch(`${app.baseUrl}/stream/${UID}/thumbnails/thumbnail.jpg`);
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text()).toMatch(/^\S.*\n$/);
});
