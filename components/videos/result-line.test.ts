import { expect, test } from '@playwright/test';
import { resultLine } from './result-line';

test.describe("/videos' result line", () => {
  test('must count the videos when they all fit on one page', () => {
    expect(resultLine({ total: 1, skipped: 0, shown: 1 })).toBe('1 video.');
    expect(resultLine({ total: 3, skipped: 0, shown: 3, search: 'holiday' })).toBe('3 videos matching “holiday”.');
    expect(resultLine({ total: 2, skipped: 0, shown: 2, status: 'ready' })).toBe('2 videos in state Ready.');
  });

  test('must say which of them a page shows', () => {
    expect(resultLine({ total: 26, skipped: 0, shown: 24 })).toBe('Videos 1–24 of 26.');
    expect(resultLine({ total: 26, skipped: 24, shown: 2, search: 'clip' })).toBe('Videos 25–26 of 26 matching “clip”.');
  });

  test('must say when nothing matches', () => {
    expect(resultLine({ total: 0, skipped: 0, shown: 0, search: 'nothing' })).toBe('No videos match this search.');
    expect(resultLine({ total: 0, skipped: 0, shown: 0 })).toBe('No videos yet.');
    expect(resultLine({ total: 5, skipped: 5, shown: 0 })).toBe('No more videos: all 5 were on the pages before.');
  });
});
