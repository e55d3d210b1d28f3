import type { VideoState } from './states';

/**
 * Why a video cannot be approved or rejected yet, or null when it can. A decision is about
 * what the video shows, so it needs every byte: a video still uploading (or being fetched from
 * its link) may never arrive, and one that failed has nothing to approve (delete it instead).
 * Queued, processing and ready videos can be decided: the bytes are all there, and reviewers
 * often decide while the encode runs.
 */
const BLOCKERS: Record<VideoState, string | null> = {
  pendingupload: 'it is still uploading',
  downloading: 'it is still being fetched from its link',
  queued: null,
  inprogress: null,
  ready: null,
  error: 'it failed, so there is nothing to review (delete it instead)',
};

export function reviewBlocker(state: string): string | null {
  return state in BLOCKERS ? BLOCKERS[state as VideoState] : 'its state is unknown';
}
