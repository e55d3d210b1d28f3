import { expect, test } from '@playwright/test';
import { parseUploadMetadata } from './metadata';
import { parseRfc3339 } from '@/lib/universal/parse-rfc3339';
import { readUploadOptions } from './upload-options';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test.describe('Upload-Metadata', () => {
  test('parses key-value pairs, keys without values, and spaces around commas', () => {
    expect(parseUploadMetadata(`name ${b64('a.mp4')} , flag,empty `)).toEqual([
      { key: 'name', value: 'a.mp4' },
      { key: 'flag', value: null },
      { key: 'empty', value: null },
    ]);
    expect(parseUploadMetadata(`k ${b64('')}x`.replace('x', ''))).toEqual([{ key: 'k', value: null }]);
    expect(parseUploadMetadata(`name ${b64('ünïcødé 🎬')}`)[0]!.value).toBe('ünïcødé 🎬');
  });

  for (const [label, header] of [
    ['an empty header', ''],
    ['an empty pair', 'a YQ==,,b Yg=='],
    ['a trailing comma', 'a YQ==,'],
    ['a duplicate key', 'a YQ==,a Yg=='],
    ['a duplicate key in another case', 'name YQ==,Name Yg=='],
    ['a value that is not base64', 'a $$$'],
    ['base64 without padding', 'a YQ'],
    ['a value that is not UTF-8', 'a /w=='],
    ['two spaces between key and value', 'a  YQ=='],
    ['a key with a non-ASCII character', 'ключ YQ=='],
  ] as const) {
    test(`refuses ${label}`, () => {
      expect(() => parseUploadMetadata(header)).toThrow(/Upload-Metadata is malformed/);
    });
  }

  test('understood keys match case-insensitively and unknown keys are kept', () => {
    const options = readUploadOptions(
      parseUploadMetadata(`maxDurationSeconds ${b64('90')},FileName ${b64('x.mov')},RequireSignedURLs,Team ${b64('red')},__proto__ ${b64('p')}`),
    );
    expect(options.maxDurationSeconds).toBe(90);
    expect(options.requireSignedURLs).toBe(true);
    expect(options.name).toBe('x.mov');
    expect(options.meta.Team).toBe('red');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(options.meta))).toMatchObject({ name: 'x.mov', Team: 'red' });
  });

  test('RFC 3339 needs a time zone and a real date', () => {
    expect(parseRfc3339('2030-01-02T03:04:05Z')?.toISOString()).toBe('2030-01-02T03:04:05.000Z');
    expect(parseRfc3339('2030-01-02T03:04:05.5+02:00')?.toISOString()).toBe('2030-01-02T01:04:05.500Z');
    expect(parseRfc3339('2030-01-02t03:04:05z')).not.toBeNull();
    expect(parseRfc3339('2030-01-02T03:04:05')).toBeNull();
    expect(parseRfc3339('2030-02-30T03:04:05Z')).toBeNull();
    expect(parseRfc3339('2030-13-01T03:04:05Z')).toBeNull();
    expect(parseRfc3339('next tuesday')).toBeNull();
  });
});
