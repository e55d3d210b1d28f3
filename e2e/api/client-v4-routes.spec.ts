import { expect, test } from '../fixtures/test';

/**
 * Every path under /client/v4 answers JSON in Cloudflare's envelope: an unknown route is a
 * 404, a wrong method a 405 with `Allow`; never an HTML page, never an empty body.
 */

const UID = '0123456789abcdef0123456789abcdef';
const S = '/client/v4/accounts/local/stream';

/** [method, path, status, Allow] */
const WRONG_METHODS: [string, string, string][] = [
  ['PUT', S, 'GET, POST'],
  ['PATCH', S, 'GET, POST'],
  ['DELETE', S, 'GET, POST'],
  ['PUT', `${S}/${UID}`, 'GET, POST, DELETE'],
  ['PATCH', `${S}/${UID}`, 'GET, POST, DELETE'],
  ['GET', `${S}/direct_upload`, 'POST'],
  ['DELETE', `${S}/direct_upload`, 'POST'],
  ['GET', `${S}/copy`, 'POST'],
  ['PUT', `${S}/copy`, 'POST'],
  ['POST', `${S}/storage-usage`, 'GET'],
  ['DELETE', `${S}/storage-usage`, 'GET'],
  ['POST', `${S}/${UID}/embed`, 'GET'],
  ['POST', `${S}/webhook`, 'GET, PUT, DELETE'],
  ['PATCH', `${S}/webhook`, 'GET, PUT, DELETE'],
];

const UNKNOWN_ROUTES: [string, string][] = [
  ['GET', '/client/v4'],
  ['GET', '/client/v4/'],
  ['GET', '/client/v4/accounts'],
  ['GET', '/client/v4/accounts/local'],
  ['POST', '/client/v4/zones/abc/dns_records'],
  ['GET', `${S}/${UID}/nothing-here`],
  ['DELETE', `${S}/${UID}/captions/en/vtt`],
  ['GET', `${S}/live_inputs/abc/outputs`],
  ['PUT', '/client/v4/user/tokens/verify'],
];

async function envelopeOf(res: Response): Promise<{ success: boolean; errors: { code: number; message: string }[]; result: unknown }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const text = await res.text();
  expect(text.length).toBeGreaterThan(0);
  return JSON.parse(text);
}

test.describe('every path under /client/v4 answers in the envelope', () => {
  for (const [method, path, allow] of WRONG_METHODS) {
    test(`${method} ${path.replace(UID, '{uid}')} → 405 JSON with Allow: ${allow}`, async ({ app, token }) => {
      const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe(allow);
      const body = await envelopeOf(res);
      expect(body.success).toBe(false);
      expect(body.result).toBeNull();
      expect(body.errors[0]!.code).toBe(10009);
      expect(body.errors[0]!.message).toContain(method);
    });
  }

  for (const [method, path] of UNKNOWN_ROUTES) {
    test(`${method} ${path.replace(UID, '{uid}')} → 404 JSON`, async ({ app, token }) => {
      const res = await fetch(`${app.baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}` }, redirect: 'follow' });
      expect(res.status).toBe(404);
      const body = await envelopeOf(res);
      expect(body.success).toBe(false);
      expect(body.errors[0]!.code).toBe(10002);
    });
  }

  test('an unknown route answers 404 JSON without credentials too (never the HTML page)', async ({ app }) => {
    const res = await fetch(`${app.baseUrl}/client/v4/accounts/local/stream/${UID}/unknown/deeper`);
    expect(res.status).toBe(404);
    expect((await envelopeOf(res)).success).toBe(false);
  });
});
