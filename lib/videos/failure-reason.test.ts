import { expect, test } from '@playwright/test';
import { failureReason, isPlainWords, safeProcessingNote } from './failure-reason';

test.describe("a failed video's reason in words", () => {
  test("must show the app's own sentences as they are", () => {
    for (const text of [
      'The file is not a readable video: no video format we know was found in it.',
      "The video is 3701.0 s long, longer than this upload's limit of 3600 s.",
      'The upload did not finish before its URL expired at 2026-12-03T19:05:17.000Z.',
      'Processing failed on the server (the log has the details). (after 3 attempts)',
      'The server answered 404 for https://example.com/videos/a.mp4.',
      'The download took longer than the time limit of 600 s.',
    ]) {
      expect(isPlainWords(text), text).toBe(true);
      expect(failureReason({ errorReasonCode: 'ERR_MALFORMED_VIDEO', errorReasonText: text })).toBe(text);
    }
  });

  test('must replace a server path or tool output with the reason code in words', () => {
    for (const text of [
      '/srv/upstream/data/uploads/0123abcd: Invalid data found when processing input',
      'ffprobe could not run: spawn /usr/bin/ffprobe ENOENT',
      '[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c8a0] moov atom not found',
      'Error: boom\n    at processVideo (server.js:10:5)',
      'ENOSPC: no space left on device, write',
      'Cannot read ./data/uploads/abc/segment.m4s',
      'ffmpeg exited with code 1',
    ]) {
      expect(isPlainWords(text), text).toBe(false);
      expect(failureReason({ errorReasonCode: 'ERR_MALFORMED_VIDEO', errorReasonText: text })).toBe('The file is not a video that can be played.');
    }
  });

  test('must name the reason when no text was stored, and never be empty', () => {
    expect(failureReason({ errorReasonCode: 'ERR_CANCELLED', errorReasonText: '' })).toBe('The upload was cancelled.');
    expect(failureReason({ errorReasonCode: 'ERR_SOMETHING_NEW', errorReasonText: '' })).toBe('The video could not be processed.');
    expect(failureReason({ errorReasonCode: '', errorReasonText: 'x'.repeat(400) })).toBe('The video could not be processed.');
  });

  test("must keep an admin's note in words and cut one with machine text", () => {
    const missing = 'Waiting for processing: ffprobe/ffmpeg is not installed on the server (install Debian\'s "ffmpeg" package, or set FFPROBE_PATH and FFMPEG_PATH).';
    expect(safeProcessingNote(missing)).toBe(missing);
    expect(safeProcessingNote('spawn /usr/bin/ffmpeg EACCES')).toBe('Processing reported a problem on the server (the log has the details).');
  });
});
