import { expect, test } from '@playwright/test';
import { MAX_VIDEO_NAME_LENGTH, renameVideoSchema } from './rename-video';

const uid = 'a'.repeat(32);

test.describe('the rename form', () => {
  test('must accept a name and trim the spaces around it', () => {
    expect(renameVideoSchema.parse({ uid, name: '  Holiday 2026  ' })).toEqual({ uid, name: 'Holiday 2026' });
  });

  test('must turn control characters into spaces', () => {
    expect(renameVideoSchema.parse({ uid, name: 'one\ntwo\tthree' }).name).toBe('one two three');
  });

  test('must refuse an empty name or one of spaces only, with a message', () => {
    for (const name of ['', '   ', '\n']) {
      const result = renameVideoSchema.safeParse({ uid, name });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('Enter a name for the video: it cannot be empty.');
    }
  });

  test(`must refuse a name longer than ${MAX_VIDEO_NAME_LENGTH} characters`, () => {
    expect(renameVideoSchema.safeParse({ uid, name: 'x'.repeat(MAX_VIDEO_NAME_LENGTH) }).success).toBe(true);
    const result = renameVideoSchema.safeParse({ uid, name: 'x'.repeat(MAX_VIDEO_NAME_LENGTH + 1) });
    expect(result.error?.issues[0]?.message).toBe(`A name can be at most ${MAX_VIDEO_NAME_LENGTH} characters long.`);
  });

  test('must refuse a form without a video or a name', () => {
    expect(renameVideoSchema.safeParse({ name: 'x' }).error?.issues[0]?.message).toBe('Choose a video first.');
    expect(renameVideoSchema.safeParse({ uid }).error?.issues[0]?.message).toBe('Enter a name for the video.');
  });
});
