import type { VideoJson } from '@/lib/videos/present-video';
import type { ReviewDecision, VideoState } from '@/lib/videos/states';

/** The one table of a video's state in words: the admin's filter lists them, the badge shows them. */
export const STATE_NAMES: Record<VideoState, string> = {
  pendingupload: 'Uploading',
  downloading: 'Fetching from the link',
  queued: 'Waiting for processing',
  inprogress: 'Processing',
  ready: 'Ready',
  error: 'Error',
};

/** The one table of review decisions in words: the admin's filter and each decision's line. */
export const REVIEW_NAMES: Record<ReviewDecision, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };

// On a badge beside the state, "Pending" alone would not say what waits.
const REVIEW_BADGES: Partial<Record<string, string>> = { ...REVIEW_NAMES, pending: 'Review pending' };

/** A review decision in words (a value this version does not know shows as stored). */
export function reviewName(review: string): string {
  const names: Partial<Record<string, string>> = REVIEW_NAMES;
  return names[review] ?? review;
}

/** A video's state in words, with the percentage while it uploads or is encoded. */
export function stateLabel(status: VideoJson['status']): string {
  const pct = Math.floor(Number(status.pctComplete) || 0);
  switch (status.state) {
    case 'pendingupload':
      return `${STATE_NAMES.pendingupload} ${pct}%`;
    case 'inprogress':
      return pct > 0 ? `Encoding ${pct}%` : STATE_NAMES.inprogress;
    default:
      return STATE_NAMES[status.state];
  }
}

/** `isInterrupted`: an upload no byte has reached for a long while (lib/videos/interrupted-upload.ts). */
export function StateBadge({ status, isInterrupted = false }: { status: VideoJson['status']; isInterrupted?: boolean }) {
  return (
    <span className="badge" data-state={status.state} data-interrupted={isInterrupted || undefined}>
      {isInterrupted ? INTERRUPTED : stateLabel(status)}
    </span>
  );
}

export const INTERRUPTED = 'Interrupted';
export const INTERRUPTED_HINT = 'Interrupted — resume by choosing the file again';

export function ReviewBadge({ review }: { review: string }) {
  return (
    <span className="badge" data-review={review}>
      {REVIEW_BADGES[review] ?? review}
    </span>
  );
}
