/** Cloudflare Stream's states and the error reason codes Upstream uses. */
/** `downloading`: an upload via link (`POST /stream/copy`) whose bytes the app is fetching. */
export const VIDEO_STATES = ['pendingupload', 'downloading', 'queued', 'inprogress', 'ready', 'error'] as const;
export type VideoState = (typeof VIDEO_STATES)[number];

export const REVIEW_DECISIONS = ['pending', 'approved', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const ERROR_REASONS = {
  ERR_DURATION_EXCEED_CONSTRAINT: 'ERR_DURATION_EXCEED_CONSTRAINT',
  ERR_MALFORMED_VIDEO: 'ERR_MALFORMED_VIDEO',
  ERR_CANCELLED: 'ERR_CANCELLED',
  ERR_UPLOAD_EXPIRED: 'ERR_UPLOAD_EXPIRED',
  /** Upload via link: the URL could not be fetched (unreachable, not 2xx, too large, too slow). */
  ERR_FETCH_ORIGIN_ERROR: 'ERR_FETCH_ORIGIN_ERROR',
  /** The stored bytes' sha256 differs from the digest the mint declared. */
  ERR_INTEGRITY: 'ERR_INTEGRITY',
} as const;

/** Error states whose bytes were removed: the upload URL answers 410 Gone. */
export const GONE_REASONS: readonly string[] = [ERROR_REASONS.ERR_CANCELLED, ERROR_REASONS.ERR_UPLOAD_EXPIRED];

/** A cancelled or expired upload: its bytes are gone for good. */
export function isGone(video: { state: string; errorReasonCode: string | null }): boolean {
  return video.state === 'error' && GONE_REASONS.includes(video.errorReasonCode ?? '');
}
