import { expect, test } from '@playwright/test';
import { CANNOT_PROCESS, readVideoProgress } from './follow-video';

/** The Cloudflare-shaped answer of GET /stream/{uid}, as far as the uploader reads it. */
function answer(state: string, patch: { pctComplete?: string; errorReasonText?: string; readyToStream?: boolean } = {}) {
  return {
    success: true,
    result: { uid: 'a'.repeat(32), readyToStream: patch.readyToStream ?? state === 'ready', status: { state, pctComplete: patch.pctComplete ?? '0', errorReasonText: patch.errorReasonText ?? '' } },
  };
}

test.describe("the uploader's reading of a video's state", () => {
  test('waiting and encoding are processing, with the percent once encoding', () => {
    expect(readVideoProgress(answer('pendingupload'))).toEqual({ kind: 'processing', percent: null });
    expect(readVideoProgress(answer('queued'))).toEqual({ kind: 'processing', percent: null });
    expect(readVideoProgress(answer('inprogress', { pctComplete: '40.5' }))).toEqual({ kind: 'processing', percent: 40.5 });
    expect(readVideoProgress(answer('inprogress', { pctComplete: 'soon' }))).toEqual({ kind: 'processing', percent: null });
  });

  test('ready is final; an error is final with its reason in words, or a plain one when the server gave none', () => {
    expect(readVideoProgress(answer('ready'))).toEqual({ kind: 'ready' });
    expect(readVideoProgress(answer('error', { errorReasonText: 'The file is not a video.' }))).toEqual({ kind: 'error', message: 'The file is not a video.' });
    expect(readVideoProgress(answer('error', { errorReasonText: '  ' }))).toEqual({ kind: 'error', message: CANNOT_PROCESS });
    // A path or tool output never reaches the row: the reason code's sentence instead.
    expect(readVideoProgress(answer('error', { errorReasonText: 'ffprobe: /srv/data/uploads/x: Invalid data found when processing input' }))).toEqual({ kind: 'error', message: 'The video could not be processed.' });
  });

  test('an answer without a state says nothing (tried again later)', () => {
    for (const junk of [null, {}, { result: null }, { result: { status: {} } }, 'text']) expect(readVideoProgress(junk)).toBeNull();
  });
});
