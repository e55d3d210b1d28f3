import { expect, test } from '@playwright/test';
import { parseNotificationUrl } from './parse-notification-url';

test.describe('parseNotificationUrl: the one rule of the settings form and PUT /stream/webhook', () => {
  test('takes http and https URLs, loopback too, in their normal form', () => {
    expect(parseNotificationUrl('https://example.com/webhooks/stream')).toBe('https://example.com/webhooks/stream');
    expect(parseNotificationUrl('  http://127.0.0.1:8080/hooks  ')).toBe('http://127.0.0.1:8080/hooks');
    expect(parseNotificationUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  const refused: [string, unknown, RegExp][] = [
    ['nothing', '', /^Give the notification URL/],
    ['blanks', '   ', /^Give the notification URL/],
    ['not a string', 42, /^Give the notification URL/],
    ['null', null, /^Give the notification URL/],
    ['a bare host', 'example.com/hook', /is not a full URL/],
    ['a scheme without a host', 'http://', /is not a full URL/],
    ['ftp', 'ftp://example.com/x', /must start with http:\/\/ or https:\/\/ \(not ftp:\/\/\)/],
    ['javascript', 'javascript:alert(1)', /must start with http:\/\/ or https:\/\//],
    ['credentials in the URL', 'https://user:pass@example.com/', /must not hold a user name or password/],
    ['too long', `https://example.com/${'a'.repeat(2040)}`, /longer than 2048 characters/],
  ];
  for (const [what, value, message] of refused) {
    test(`refuses ${what} with a 400 and a message that says why`, () => {
      let caught: unknown;
      try {
        parseNotificationUrl(value);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ name: 'AppError', kind: 'BAD_REQUEST', status: 400 });
      expect((caught as Error).message).toMatch(message);
    });
  }
});
