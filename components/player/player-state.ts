import type { VideoState } from '@/lib/videos/states';

/**
 * What the player shows, as pure functions the component and the tests read: a message while
 * the video is not ready to stream, and words a person understands when a stream cannot play
 * (a media error code, an hls.js fatal error, an HTTP status), never a dead play button.
 */

export type PlayerStatus = { state: VideoState; pctComplete: string; errorReasonText: string };

export const CANNOT_PLAY = 'This video cannot be played here:';

function percent(status: PlayerStatus): number {
  return Math.max(0, Math.min(100, Math.floor(Number(status.pctComplete) || 0)));
}

/** The message in place of the stream, or null once the video is ready to stream. */
export function waitingMessage(status: PlayerStatus, options: { isGone?: boolean } = {}): string | null {
  switch (status.state) {
    case 'ready':
      return null;
    case 'pendingupload':
      return `The upload is not finished yet (${percent(status)} % arrived). The video plays here once it is uploaded and encoded.`;
    case 'downloading':
      return 'The video is still being fetched from its link. It plays here once it is encoded.';
    case 'queued':
    case 'inprogress':
      return `Still encoding: ${percent(status)} %. The video plays here when it is ready.`;
    case 'error':
      if (options.isGone) return 'This video has no stored file to play: its upload was cancelled or expired.';
      return `${CANNOT_PLAY} ${status.errorReasonText || 'it could not be processed.'}`;
  }
}

/**
 * How often a page showing these videos looks for new states, or null when none can change by
 * itself: every 2 s while one is fetched or processed, every 3 s while one is being uploaded (its
 * percentage moves; an upload can finish in seconds). Pages leave out uploads that are
 * interrupted (lib/videos/interrupted-upload.ts): nobody sends their bytes, so nothing to follow.
 */
export function refreshIntervalMs(states: readonly VideoState[]): number | null {
  if (states.some((state) => state === 'queued' || state === 'inprogress' || state === 'downloading')) return 2000;
  if (states.includes('pendingupload')) return 3000;
  return null;
}

/** HTMLMediaElement.error.code in words (MediaError: 1 aborted, 2 network, 3 decode, 4 not supported). */
export function describeMediaError(code: number): string {
  switch (code) {
    case 1:
      return `${CANNOT_PLAY} loading was stopped. Reload the page to try again.`;
    case 2:
      return `${CANNOT_PLAY} the network failed while the video was loading. Check the connection and reload the page.`;
    case 3:
      return `${CANNOT_PLAY} this browser could not decode the stream.`;
    default:
      return `${CANNOT_PLAY} this browser does not support the stream's format, or the stream is missing.`;
  }
}

/** An HTTP status of the stream (manifest or segment) in words. */
export function describeHttpStatus(status: number): string {
  if (status === 401) return `${CANNOT_PLAY} it needs a signed link, and this link is missing its token or the token has expired. Ask for a new link.`;
  if (status === 403) return `${CANNOT_PLAY} it may not be played on this site.`;
  if (status === 404 || status === 410) return `${CANNOT_PLAY} its stream is missing on the server.`;
  if (status === 429 || status === 503) return `${CANNOT_PLAY} the server is busy. Try again in a minute.`;
  if (status >= 500) return `${CANNOT_PLAY} the server failed to send the stream. Try again later.`;
  return `${CANNOT_PLAY} the stream could not be loaded (the server answered ${status}).`;
}

/** The part of an hls.js error event the player reads (hls.js's ErrorData). */
export type StreamErrorInfo = { type: string; details: string; responseCode?: number };

/** A fatal hls.js error in words. Types and details are hls.js's ErrorTypes and ErrorDetails strings. */
export function describeStreamError(error: StreamErrorInfo): string {
  if (error.type === 'networkError') {
    if (error.responseCode && error.responseCode > 0) return describeHttpStatus(error.responseCode);
    if (error.details.endsWith('TimeOut')) return `${CANNOT_PLAY} the server took too long to answer. Check the connection and reload the page.`;
    return `${CANNOT_PLAY} the stream could not be reached. Check the connection and reload the page.`;
  }
  if (error.details === 'manifestIncompatibleCodecsError') return `${CANNOT_PLAY} this browser cannot decode any of the stream's formats.`;
  if (error.details === 'manifestParsingError' || error.details === 'levelEmptyError') return `${CANNOT_PLAY} the stream's playlist is damaged.`;
  if (error.type === 'mediaError' || error.type === 'muxError') return `${CANNOT_PLAY} this browser could not decode the stream.`;
  return `${CANNOT_PLAY} the player failed (${error.details}).`;
}

export const NO_HLS_SUPPORT = `${CANNOT_PLAY} this browser plays neither HLS streams nor Media Source Extensions. Try a current browser.`;
export const PLAYER_LOAD_FAILED = `${CANNOT_PLAY} the player could not be loaded. Check the connection and reload the page.`;
