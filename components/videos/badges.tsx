import type { VideoJson } from '@/lib/videos/present-video';

/** A video's state in words, with the percentage while it uploads or is processed. */
export function stateLabel(status: VideoJson['status']): string {
  const pct = Math.floor(Number(status.pctComplete) || 0);
  switch (status.state) {
    case 'pendingupload':
      return `Uploading ${pct}%`;
    case 'downloading':
      return 'Fetching from the link';
    case 'queued':
      return 'Waiting for processing';
    case 'inprogress':
      return pct > 0 ? `Encoding ${pct}%` : 'Processing';
    case 'ready':
      return 'Ready';
    case 'error':
      return 'Error';
  }
}

export function StateBadge({ status }: { status: VideoJson['status'] }) {
  return (
    <span className="badge" data-state={status.state}>
      {stateLabel(status)}
    </span>
  );
}

const REVIEW_LABELS: Record<string, string> = { pending: 'Review pending', approved: 'Approved', rejected: 'Rejected' };

export function ReviewBadge({ review }: { review: string }) {
  return (
    <span className="badge" data-review={review}>
      {REVIEW_LABELS[review] ?? review}
    </span>
  );
}
