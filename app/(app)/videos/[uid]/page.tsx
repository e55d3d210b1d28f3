import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ModerationPanel } from '@/components/admin/moderation-panel';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { VideoPlayer } from '@/components/player/video-player';
import { ReviewBadge, StateBadge } from '@/components/videos/badges';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { appPlaybackId } from '@/lib/playback/app-playback-id';
import { playerView } from '@/lib/playback/player-view';
import { formatBytes, formatDateTime, formatDuration } from '@/lib/universal/format';
import { findVisibleVideo } from '@/lib/videos/find-video';
import { summarizeVideos } from '@/lib/videos/summarize-videos';

export const metadata: Metadata = { title: 'Video' };

type Props = { params: Promise<{ uid: string }> };

export default async function VideoPage({ params }: Props) {
  const { uid } = await params;
  const user = await requireUser(`/videos/${encodeURIComponent(uid)}`);
  let row: Video;
  try {
    row = await findVisibleVideo(uid, { kind: 'user', user });
  } catch (error) {
    // Someone else's video is "not found", exactly like one that does not exist.
    if (isAppError(error) && error.kind === 'NOT_FOUND') notFound();
    throw error;
  }
  const [[video], playbackId] = await Promise.all([summarizeVideos([row], getEnv().accountId), appPlaybackId(row)]);
  if (!video) notFound();
  const view = playerView(video, playbackId, { posterHeight: 360 });
  const isAdmin = user.role === 'admin';
  const name = video.meta.name || 'Untitled video';

  return (
    <>
      <h1 className="title-break">{name}</h1>
      <p className="badges">
        <StateBadge status={video.status} /> <ReviewBadge review={video.review} />
      </p>

      <VideoPlayer src={view.src} poster={view.poster} status={view.status} isGone={view.isGone} width={view.width} height={view.height} />
      <RefreshWhileChanging states={[view.status.state]} />
      {isAdmin && <ModerationPanel uid={video.uid} name={name} state={video.status.state} />}

      <h2>Details</h2>
      <dl className="details">
        <dt>Media ID</dt>
        <dd>
          <code className="media-id">{video.uid}</code>
        </dd>
        <dt>State</dt>
        <dd>
          <StateBadge status={video.status} />
          {video.status.errorReasonText && <span className="details__note"> {video.status.errorReasonText}</span>}
        </dd>
        <dt>Review</dt>
        <dd>
          <ReviewBadge review={video.review} />
          {video.review !== 'pending' && video.reviewedAt && (
            <span className="details__note">
              {/* Who decided is for admins only; the uploader reads when, and the reason. */}
              {isAdmin && <> by {video.reviewerEmail ?? 'a removed account'}</>} on <time dateTime={video.reviewedAt}>{formatDateTime(video.reviewedAt)}</time>
              {video.reviewReason && <>. Reason: {video.reviewReason}</>}
            </span>
          )}
        </dd>
        <dt>Size</dt>
        <dd>{formatBytes(video.size)}</dd>
        <dt>Duration</dt>
        <dd>{video.duration >= 0 ? formatDuration(video.duration) : 'Not known yet'}</dd>
        <dt>Dimensions</dt>
        <dd>{video.input.width > 0 ? `${video.input.width} × ${video.input.height}` : 'Not known yet'}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={video.created}>{formatDateTime(video.created)}</time>
        </dd>
        <dt>Uploaded</dt>
        <dd>{video.uploaded ? <time dateTime={video.uploaded}>{formatDateTime(video.uploaded)}</time> : 'Not yet'}</dd>
        <dt>SHA-256</dt>
        <dd>{video.sha256 ? <code className="media-id">{video.sha256}</code> : 'Known once the upload is complete'}</dd>
        {isAdmin && (
          <>
            <dt>Owner</dt>
            <dd>{video.ownerEmail ?? video.creator ?? 'No owner (API upload)'}</dd>
          </>
        )}
        {isAdmin && video.processingNote && (
          <>
            <dt>Processing note</dt>
            <dd>{video.processingNote}</dd>
          </>
        )}
      </dl>
      {video.isPlayable && (
        <p>
          <a href={video.originalUrl} download>
            Download the original
          </a>
        </p>
      )}
    </>
  );
}
