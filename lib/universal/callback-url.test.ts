import { expect, test } from '@playwright/test';
import { safeCallbackUrl, signInPath } from './callback-url';

test.describe('where sign-in returns to', () => {
  test('a path on this site is followed, with its query', () => {
    expect(safeCallbackUrl('/videos')).toBe('/videos');
    expect(safeCallbackUrl('/admin?status=ready')).toBe('/admin?status=ready');
    expect(safeCallbackUrl(['/videos/abc', '/other'])).toBe('/videos/abc');
  });

  test('anything off-site, or the auth pages themselves, falls back to the uploader', () => {
    for (const value of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined, null, '/sign-in', '/sign-up?x=1']) {
      expect(safeCallbackUrl(value), String(value)).toBe('/');
    }
  });

  test('the sign-in link carries the page to come back to, encoded', () => {
    expect(signInPath('/')).toBe('/sign-in');
    expect(signInPath('/videos')).toBe('/sign-in?callbackUrl=%2Fvideos');
    expect(signInPath('/admin?status=ready')).toBe('/sign-in?callbackUrl=%2Fadmin%3Fstatus%3Dready');
  });
});

test.describe('callback URLs that browsers would turn into another site', () => {
  test('control characters and backslashes anywhere are refused, and so is anything that resolves off-site', () => {
    for (const value of ['/\t/evil.example/x', '/\n/evil.example', '/\r//evil.example', '/\u0000/evil.example', '/x\\..\\\\evil.example', '/\u007f/evil.example', '/%2F/evil.example'.replace('%2F', '/')]) {
      expect(safeCallbackUrl(value), JSON.stringify(value)).toBe('/');
    }
  });

  test('a path is kept as the browser would resolve it', () => {
    expect(safeCallbackUrl('/videos/../admin?x=1#top')).toBe('/admin?x=1#top');
    expect(safeCallbackUrl('/%09/evil.example')).toBe('/%09/evil.example');
  });
});
