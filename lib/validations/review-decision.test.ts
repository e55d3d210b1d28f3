import { expect, test } from '@playwright/test';
import { reviewDecisionSchema } from './review-decision';

const messageOf = (input: unknown) => {
  const parsed = reviewDecisionSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

test.describe('the review decision form', () => {
  test('accepts each of the three buttons, with or without a name', () => {
    for (const intent of ['approve', 'reject', 'delete']) {
      expect(reviewDecisionSchema.parse({ uid: 'abc', name: 'clip.mp4', intent })).toEqual({ uid: 'abc', name: 'clip.mp4', intent });
    }
    expect(reviewDecisionSchema.parse({ uid: 'abc', intent: 'approve' })).toEqual({ uid: 'abc', intent: 'approve' });
  });

  test('must refuse an unknown or missing intent with the message that names the buttons', () => {
    expect(messageOf({ uid: 'abc', intent: 'publish' })).toBe('Choose Approve, Reject or Delete.');
    expect(messageOf({ uid: 'abc' })).toBe('Choose Approve, Reject or Delete.');
  });

  test('must refuse a missing, empty or non-text video id', () => {
    expect(messageOf({ intent: 'approve' })).toBe('Choose a video first.');
    expect(messageOf({ uid: '', intent: 'approve' })).toBe('Choose a video first.');
    expect(messageOf({ uid: new Blob(['x']), intent: 'approve' })).toBe('Choose a video first.');
  });
});
