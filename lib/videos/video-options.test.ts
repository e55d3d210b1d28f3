import { expect, test } from '@playwright/test';
import { allowedOriginsSchema } from './video-options';

test.describe('allowedOrigins', () => {
  test('takes hosts, host:port and *.wildcards, lowercased and without duplicates', () => {
    expect(allowedOriginsSchema.parse(['Example.COM', 'example.com', '*.example.org', 'localhost:8443', 'a-b.c.example'])).toEqual([
      'example.com',
      '*.example.org',
      'localhost:8443',
      'a-b.c.example',
    ]);
    expect(allowedOriginsSchema.parse([])).toEqual([]);
  });

  for (const bad of ['https://example.com', 'example.com/path', '*', '*.', 'a..b', 'ex ample.com', 'foo.*.com', '-a.com', '']) {
    test(`refuses "${bad}"`, () => {
      expect(allowedOriginsSchema.safeParse([bad]).success).toBe(false);
    });
  }

  test('refuses more than 100 hosts and a value that is not an array', () => {
    expect(allowedOriginsSchema.safeParse(Array.from({ length: 101 }, (_, i) => `h${i}.example.com`)).success).toBe(false);
    expect(allowedOriginsSchema.safeParse('example.com').success).toBe(false);
  });
});
