import { expect, test } from '@playwright/test';
import { readPlayerOptions, readStartTime } from './read-player-options';

test.describe("the iframe page's query parameters", () => {
  test('no parameters: controls on, nothing else', () => {
    expect(readPlayerOptions({})).toEqual({ autoPlay: false, muted: false, loop: false, controls: true, preload: undefined, startTime: undefined });
  });

  test('flags are on when present, with or without a value, and off with false or 0', () => {
    expect(readPlayerOptions({ autoplay: 'true', muted: '', loop: '1', controls: 'false' })).toMatchObject({ autoPlay: true, muted: true, loop: true, controls: false });
    expect(readPlayerOptions({ autoplay: '0', muted: 'false' })).toMatchObject({ autoPlay: false, muted: false });
    expect(readPlayerOptions({ muted: ['true', 'false'] })).toMatchObject({ muted: true });
  });

  test('preload takes none, metadata or auto; anything else is ignored', () => {
    expect(readPlayerOptions({ preload: 'none' }).preload).toBe('none');
    expect(readPlayerOptions({ preload: 'everything' }).preload).toBeUndefined();
  });

  test('startTime takes seconds or the 1h2m3s form, and ignores anything malformed', () => {
    expect(readStartTime('90')).toBe(90);
    expect(readStartTime('12.5s')).toBe(12.5);
    expect(readStartTime('1m30s')).toBe(90);
    expect(readStartTime('1h2m3s')).toBe(3723);
    expect(readStartTime('2m')).toBe(120);
    for (const bad of ['', 'h', '-5', '1:30', 'abc', '1e9', '99999999999']) expect(readStartTime(bad), bad).toBeUndefined();
  });
});
