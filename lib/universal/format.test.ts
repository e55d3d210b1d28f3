import { expect, test } from '@playwright/test';
import { formatBytes, formatDateTime, formatDuration, formatTimeLeft } from './format';

test.describe('numbers as people read them', () => {
  test('sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(175_122)).toBe('175 KB');
    expect(formatBytes(30_074_799)).toBe('30.1 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.4 GB');
  });

  test('durations in hours, minutes and seconds', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3700)).toBe('1 h 1 min 40 s');
  });

  test('time left, rough and never negative', () => {
    expect(formatTimeLeft(0.4)).toBe('less than a second left');
    expect(formatTimeLeft(8.2)).toBe('9 s left');
    expect(formatTimeLeft(125)).toBe('about 3 min left');
    expect(formatTimeLeft(-1)).toBe('');
  });

  test('times in UTC, saying so', () => {
    expect(formatDateTime('2026-11-22T01:33:00Z')).toBe('22 Nov 2026, 01:33 UTC');
    expect(formatDateTime('not a date')).toBe('—');
  });
});
