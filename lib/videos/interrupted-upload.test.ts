import { expect, test } from '@playwright/test';
import { INTERRUPTED_AFTER_MS, isUploadInterrupted } from './interrupted-upload';

const now = new Date('2026-12-03T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

test.describe('an abandoned upload', () => {
  test('must be interrupted once no byte has arrived for 30 minutes', () => {
    const video = { state: 'pendingupload', created: ago(2 * INTERRUPTED_AFTER_MS) };
    expect(isUploadInterrupted(video, ago(INTERRUPTED_AFTER_MS), now)).toBe(true);
    expect(isUploadInterrupted(video, ago(INTERRUPTED_AFTER_MS - 1000), now)).toBe(false);
  });

  test('must count from the mint while no file is stored', () => {
    expect(isUploadInterrupted({ state: 'pendingupload', created: ago(INTERRUPTED_AFTER_MS + 1) }, null, now)).toBe(true);
    expect(isUploadInterrupted({ state: 'pendingupload', created: ago(60_000) }, null, now)).toBe(false);
  });

  test('must never call a video past its upload interrupted', () => {
    for (const state of ['queued', 'inprogress', 'ready', 'error', 'downloading']) {
      expect(isUploadInterrupted({ state, created: ago(10 * INTERRUPTED_AFTER_MS) }, ago(10 * INTERRUPTED_AFTER_MS), now)).toBe(false);
    }
  });
});
