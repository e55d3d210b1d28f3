import { ERROR_REASONS } from './states';

/**
 * Why a video failed, in words a person understands, for every page that lists it. The stored
 * `errorReasonText` is written by the app itself and is shown when it is plain words; anything
 * that looks like a server path or a tool's output (a stack trace, ffmpeg's `[mov @ 0x…]` lines,
 * a system error code) gives way to the reason code's sentence: the full detail is in the log.
 */

const REASON_WORDS: Record<string, string> = {
  [ERROR_REASONS.ERR_DURATION_EXCEED_CONSTRAINT]: 'The video is longer than this upload allows.',
  [ERROR_REASONS.ERR_MALFORMED_VIDEO]: 'The file is not a video that can be played.',
  [ERROR_REASONS.ERR_CANCELLED]: 'The upload was cancelled.',
  [ERROR_REASONS.ERR_UPLOAD_EXPIRED]: 'The upload did not finish before its upload link expired.',
  [ERROR_REASONS.ERR_FETCH_ORIGIN_ERROR]: 'The video could not be fetched from its link.',
  [ERROR_REASONS.ERR_INTEGRITY]: 'The uploaded bytes are not the file that was announced.',
};

const FALLBACK = 'The video could not be processed.';
const MAX_LENGTH = 300;

const URL = /\bhttps?:\/\/\S+/gi;
const MACHINE_TEXT = [
  // A path: /srv/…, ./data/…, ~/…, C:\…
  /(^|[\s"'`(=:,])(\.{0,2}\/|~\/)[\w.-]+\//,
  /(^|[\s"'`(=:,])\/[\w.-]+\.[a-z0-9]{1,5}\b/i,
  /\b[A-Za-z]:\\/,
  // Tool output and stack traces.
  /\[[\w,\s-]+ @ 0x[0-9a-f]+\]/i,
  /\bat [\w.<>]+ \(/,
  /\bexit(ed)? (with )?(code )?-?\d+/i,
  /\b(E[A-Z]{2,}|ERR_[A-Z_]+):/,
  /\b(Invalid data found|moov atom not found|Error while decoding|Conversion failed)/i,
  /\b(ffmpeg|ffprobe)\b.*:/i,
];

/** True when the text may be shown to people as it is. */
export function isPlainWords(text: string): boolean {
  const withoutUrls = text.replace(URL, 'a link');
  return !MACHINE_TEXT.some((pattern) => pattern.test(withoutUrls));
}

/** The reason a failed video failed, for its owner: never a path or a tool's output. */
export function failureReason(status: { errorReasonCode: string; errorReasonText: string }): string {
  const text = status.errorReasonText.trim();
  if (text && text.length <= MAX_LENGTH && isPlainWords(text)) return text;
  return REASON_WORDS[status.errorReasonCode] ?? FALLBACK;
}

/** An admin's processing note, with any path or tool output cut off (the log has them). */
export function safeProcessingNote(note: string): string {
  if (isPlainWords(note)) return note.slice(0, MAX_LENGTH);
  return 'Processing reported a problem on the server (the log has the details).';
}
