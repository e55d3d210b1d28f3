import { expect, test } from '@playwright/test';
import { hostMatches, isOriginAllowed, normalizeAllowedOrigin } from './origin-rules';

test.describe('allowedOrigins', () => {
  test('an exact entry matches only that host', () => {
    expect(hostMatches('example.com', 'example.com')).toBe(true);
    expect(hostMatches('example.com', 'www.example.com')).toBe(false);
    expect(hostMatches('example.com', 'example.com.evil.net')).toBe(false);
    expect(hostMatches('example.com', 'badexample.com')).toBe(false);
  });

  test('a wildcard entry matches any subdomain, not the domain itself or look-alikes', () => {
    expect(hostMatches('*.example.com', 'www.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'badexample.com')).toBe(false);
  });

  test('entries are normalised: case, scheme, port and path dropped; junk refused', () => {
    expect(normalizeAllowedOrigin('HTTPS://Example.COM:8443/x')).toBe('example.com');
    expect(normalizeAllowedOrigin('*.Example.com')).toBe('*.example.com');
    expect(normalizeAllowedOrigin('exa mple.com')).toBeNull();
    expect(normalizeAllowedOrigin('*.*.com')).toBeNull();
  });

  test('Origin wins over Referer; with neither the request is refused; an empty list allows all', () => {
    const allowed = ['example.com'];
    expect(isOriginAllowed(allowed, { origin: 'https://example.com' })).toBe(true);
    expect(isOriginAllowed(allowed, { origin: 'https://evil.net', referer: 'https://example.com/page' })).toBe(false);
    expect(isOriginAllowed(allowed, { referer: 'https://example.com/page' })).toBe(true);
    expect(isOriginAllowed(allowed, {})).toBe(false);
    expect(isOriginAllowed(allowed, { origin: 'null' })).toBe(false);
    expect(isOriginAllowed([], {})).toBe(true);
  });

  test("the app's own host always passes (its player pages fetch the manifests)", () => {
    expect(isOriginAllowed(['example.com'], { referer: 'http://localhost:3000/stream/x/watch', ownHost: 'localhost:3000' })).toBe(true);
    expect(isOriginAllowed(['example.com'], { referer: 'http://localhost:4000/', ownHost: 'localhost:3000' })).toBe(false);
  });
});
