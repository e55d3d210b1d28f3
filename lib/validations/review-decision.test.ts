import { expect, test } from '@playwright/test';
import { REVIEW_REASON_MAX_LENGTH, reviewDecisionSchema } from './review-decision';

const UID = 'a'.repeat(32);
const messageOf = (input: unknown) => {
  const parsed = reviewDecisionSchema.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

test.describe('the review decision', () => {
  test('accepts each of the three decisions for one or several videos', () => {
    for (const intent of ['approve', 'reject', 'delete']) {
      expect(reviewDecisionSchema.parse({ uids: [UID], intent })).toEqual({ uids: [UID], intent });
    }
    expect(reviewDecisionSchema.parse({ uids: [UID, 'b'.repeat(32)], intent: 'approve' }).uids).toHaveLength(2);
  });

  test('a reason is trimmed; a blank one is no reason', () => {
    expect(reviewDecisionSchema.parse({ uids: [UID], intent: 'reject', reason: '  Sound is missing. ' }).reason).toBe('Sound is missing.');
    expect(reviewDecisionSchema.parse({ uids: [UID], intent: 'reject', reason: '   ' }).reason).toBeUndefined();
  });

  test('must refuse a reason longer than the limit, saying the limit', () => {
    expect(messageOf({ uids: [UID], intent: 'reject', reason: 'x'.repeat(REVIEW_REASON_MAX_LENGTH + 1) })).toBe(
      `Keep the reason to ${REVIEW_REASON_MAX_LENGTH} characters or fewer.`,
    );
    expect(messageOf({ uids: [UID], intent: 'reject', reason: 'x'.repeat(REVIEW_REASON_MAX_LENGTH) })).toBeNull();
  });

  test('must refuse an unknown or missing intent with the message that names the buttons', () => {
    expect(messageOf({ uids: [UID], intent: 'publish' })).toBe('Choose Approve, Reject or Delete.');
    expect(messageOf({ uids: [UID] })).toBe('Choose Approve, Reject or Delete.');
  });

  test('must refuse no videos, too many, or a uid that is not a media ID', () => {
    expect(messageOf({ intent: 'approve' })).toBe('Choose a video first.');
    expect(messageOf({ uids: [], intent: 'approve' })).toBe('Choose a video first.');
    expect(messageOf({ uids: Array(101).fill(UID), intent: 'approve' })).toBe('Choose at most 100 videos at once.');
    expect(messageOf({ uids: ['../etc'], intent: 'approve' })).toBe('That is not a media ID.');
  });
});
