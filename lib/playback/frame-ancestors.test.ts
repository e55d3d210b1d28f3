import { expect, test } from '@playwright/test';
import { frameAncestors } from './frame-ancestors';

test.describe('frame-ancestors of the player pages', () => {
  test('the watch page may be framed only by the app itself', () => {
    expect(frameAncestors('watch', [])).toBe("frame-ancestors 'self'");
    expect(frameAncestors('watch', ['example.com'])).toBe("frame-ancestors 'self'");
  });

  test('the iframe page may be framed anywhere unless the video names allowedOrigins', () => {
    expect(frameAncestors('iframe', [])).toBe('frame-ancestors *');
    expect(frameAncestors('iframe', ['*'])).toBe('frame-ancestors *');
    expect(frameAncestors('iframe', ['example.com', '*.example.org', 'localhost:8080'])).toBe("frame-ancestors 'self' example.com *.example.org localhost:8080");
  });

  test('a malformed origin never adds a directive to the header', () => {
    expect(frameAncestors('iframe', ["evil.com; script-src 'unsafe-inline'", 'ok.com'])).toBe("frame-ancestors 'self' ok.com");
  });
});
