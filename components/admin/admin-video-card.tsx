import { ReviewControls } from '@/components/admin/review-controls';
import { ReviewPlayer } from '@/components/admin/review-player';
import { ReviewBadge, StateBadge, reviewName } from '@/components/videos/badges';
import { VideoCard, type VideoFact } from '@/components/videos/video-card';
import type { PlayerView } from '@/lib/playback/player-view';
import { formatBytes, formatDateTime } from '@/lib/universal/format';
import { failureReason, safeProcessingNote } from '@/lib/videos/failure-reason';
import type { VideoSummary } from '@/lib/videos/summarize-videos';
import { videoName } from '@/lib/videos/video-name';

/** A video as the admin reviews it: who made it, the decision so far, a player, and the buttons. */
export function AdminVideoCard({ video, view }: { video: VideoSummary; view: PlayerView }) {
  // In words, as on every list: never a server path or a tool's output (the log has those).
  const reason = video.status.state === 'error' ? failureReason(video.status) : '';
  const note = [reason, video.processingNote ? safeProcessingNote(video.processingNote) : ''].filter(Boolean).join(' ');
  const facts: VideoFact[] = [
    { term: 'Media ID', detail: <code className="media-id">{video.uid}</code> },
    { term: 'Creator', detail: video.ownerEmail ?? video.creator ?? 'None' },
    { term: 'Size', detail: formatBytes(video.size) },
    { term: 'Created', detail: <time dateTime={video.created}>{formatDateTime(video.created)}</time> },
  ];
  if (video.review !== 'pending' && video.reviewedAt) {
    facts.push({
      term: 'Decision',
      detail: (
        <>
          {reviewName(video.review)} by {video.reviewerEmail ?? 'a removed account'} on <time dateTime={video.reviewedAt}>{formatDateTime(video.reviewedAt)}</time>
        </>
      ),
    });
  }
  if (note) facts.push({ term: 'Note', detail: note });
  return (
    <VideoCard
      video={video}
      headingLevel={3}
      badges={
        <p className="badges">
          <StateBadge status={video.status} /> <ReviewBadge review={video.review} />
        </p>
      }
      facts={facts}
    >
      <ReviewPlayer view={view} />
      <ReviewControls uid={video.uid} name={videoName(video)} />
    </VideoCard>
  );
}
