import { expect, test } from '@playwright/test';
import { describeDecision } from './describe-decision';

const video = (name: string) => ({ uid: name.padEnd(32, '0'), name });

test.describe('the message after a decision', () => {
  test('names the one video decided', () => {
    expect(describeDecision({ intent: 'approve', done: [video('a.mp4')], skipped: [], missing: 0 })).toEqual({ ok: true, message: 'Approved “a.mp4”.' });
    expect(describeDecision({ intent: 'reject', done: [video('a.mp4')], skipped: [], missing: 0 }).message).toBe('Rejected “a.mp4”.');
    expect(describeDecision({ intent: 'delete', done: [video('a.mp4')], skipped: [], missing: 0 }).message).toBe('Deleted “a.mp4”.');
  });

  test('counts several, then says which were skipped and why, and how many were gone', () => {
    const outcome = describeDecision({
      intent: 'approve',
      done: [video('a'), video('b'), video('c')],
      skipped: [{ ...video('d'), why: 'It cannot be approved: it is still uploading.' }],
      missing: 2,
    });
    expect(outcome).toEqual({
      ok: true,
      message: 'Approved 3 videos. “d” was skipped. It cannot be approved: it is still uploading. 2 videos were not found: deleted already?',
    });
  });

  test('is not ok when nothing was done', () => {
    expect(describeDecision({ intent: 'delete', done: [], skipped: [], missing: 1 })).toEqual({ ok: false, message: '1 video was not found: deleted already?' });
  });
});
