import { expect, test } from '@playwright/test';
import { loggablePath, routePattern } from './request-path';

const UID = '0123456789abcdef0123456789abcdef';
const UPLOAD = `/api/tus/${UID}.1893456000.${'A'.repeat(43)}`;
const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIwMTIzIn0.c2lnbmF0dXJlc2lnbmF0dXJl';

test.describe('what logs and metrics say about a request path', () => {
  test('an upload URL is logged with its uid and without its expiry and signature', () => {
    expect(loggablePath(UPLOAD)).toBe(`/api/tus/${UID}`);
  });

  test('the query string is never logged', () => {
    expect(loggablePath(`/stream/${UID}/thumbnails/thumbnail.jpg?time=2s&token=${JWT}`)).toBe(`/stream/${UID}/thumbnails/thumbnail.jpg`);
    expect(loggablePath('/api/auth/callback/credentials?password=x#frag')).toBe('/api/auth/callback/credentials');
  });

  test('a signed token in place of the uid is logged as :token', () => {
    expect(loggablePath(`/stream/${JWT}/manifest/video.m3u8`)).toBe('/stream/:token/manifest/video.m3u8');
  });

  test('route patterns have few values: ids, accounts and tokens are placeholders', () => {
    expect(routePattern(UPLOAD)).toBe('/api/tus/:uid');
    expect(routePattern(`/client/v4/accounts/local/stream/${UID}?x=1`)).toBe('/client/v4/accounts/:account/stream/:uid');
    expect(routePattern(`/stream/${JWT}/manifest/video.m3u8`)).toBe('/stream/:token/manifest/video.m3u8');
    expect(routePattern('/_next/static/chunks/abc.js')).toBe('/_next/*');
    expect(routePattern('/wp-login.php')).toBe('/:other');
    expect(routePattern('/')).toBe('/');
    expect(routePattern('/client/v4/accounts/local/stream/keys/9f1c2a7e-4b1e-4c59-8a5f-1d2e3f4a5b6c')).toBe('/client/v4/accounts/:account/stream/keys/:id');
  });
});
