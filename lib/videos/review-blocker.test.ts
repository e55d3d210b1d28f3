import { expect, test } from '@playwright/test';
import { reviewBlocker } from './review-blocker';
import { VIDEO_STATES } from './states';

test.describe('which videos can be approved or rejected', () => {
  test('a video whose bytes have all arrived can be decided: queued, processing or ready', () => {
    for (const state of ['queued', 'inprogress', 'ready']) expect(reviewBlocker(state)).toBeNull();
  });

  test('must refuse a video still uploading or being fetched, and one that failed, saying why', () => {
    expect(reviewBlocker('pendingupload')).toBe('it is still uploading');
    expect(reviewBlocker('downloading')).toBe('it is still being fetched from its link');
    expect(reviewBlocker('error')).toContain('delete it instead');
    expect(reviewBlocker('nonsense')).toBe('its state is unknown');
  });

  test('every state has an answer', () => {
    for (const state of VIDEO_STATES) expect(typeof reviewBlocker(state) === 'string' || reviewBlocker(state) === null).toBe(true);
  });
});
