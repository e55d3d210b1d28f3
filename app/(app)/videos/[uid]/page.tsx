import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ModerationPanel } from '@/components/admin/moderation-panel';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { VideoPlayer } from '@/components/player/video-player';
import { INTERRUPTED_HINT, ReviewBadge, StateBadge } from '@/components/videos/badges';
import { CopyButton } from '@/components/videos/copy-button';
import { DeleteVideoButton } from '@/components/videos/delete-video-button';
import { LocalTime } from '@/components/videos/local-time';
import { RenameForm } from '@/components/videos/rename-form';
import { ShareLinks } from '@/components/videos/share-links';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { publicOrigin } from '@/lib/http/origin';
import type { Video } from '@/lib/generated/prisma/client';
import { appPlaybackId } from '@/lib/playback/app-playback-id';
import { streamUrls } from '@/lib/playback/stream-urls';
import { playerView } from '@/lib/playback/player-view';
import { formatBytes, formatDuration } from '@/lib/universal/format';
import { embedSnippet } from '@/lib/videos/embed-snippet';
import { failureReason, safeProcessingNote } from '@/lib/videos/failure-reason';
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
  const origin = publicOrigin(await headers(), getEnv());
  const urls = streamUrls(video.uid, origin);
  const isGoneOrFailed = video.status.state === 'error' || video.isInterrupted;
  const shareHint = video.requireSignedURLs
    ? 'This video requires signed URLs: these links play only with a signed token in place of the media ID.'
    : video.status.state === 'ready'
      ? undefined
      : 'The links work once the video is ready.';

  return (
    <>
      <h1 className="title-break">{name}</h1>
      <p className="badges">
        <StateBadge status={video.status} isInterrupted={video.isInterrupted} /> <ReviewBadge review={video.review} />
      </p>
      {video.isInterrupted && (
        <p className="notice">
          {INTERRUPTED_HINT} on the <Link href="/">upload page</Link> (the upload goes on where it stopped), or delete it below.
        </p>
      )}
      {video.status.state === 'error' && (
        <p className="notice notice--error">
          {failureReason(video.status)}
        </p>
      )}

      <VideoPlayer src={view.src} poster={view.poster} status={view.status} isGone={view.isGone} width={view.width} height={view.height} />
      <RefreshWhileChanging states={video.isInterrupted ? [] : [view.status.state]} />
      {isAdmin && <ModerationPanel uid={video.uid} name={name} state={video.status.state} />}

      <h2>Details</h2>
      <dl className="details">
        <dt>Media ID</dt>
        <dd>
          <code className="media-id">{video.uid}</code> <CopyButton text={video.uid} label="Copy media ID" />
        </dd>
        <dt>State</dt>
        <dd>
          <StateBadge status={video.status} isInterrupted={video.isInterrupted} />
          {video.status.state === 'error' && <span className="details__note"> {failureReason(video.status)}</span>}
        </dd>
        <dt>Review</dt>
        <dd>
          <ReviewBadge review={video.review} />
          {video.review !== 'pending' && video.reviewedAt && (
            <span className="details__note">
              {/* Who decided is for admins only; the uploader reads when, and the reason. */}
              {isAdmin && <> by {video.reviewerEmail ?? 'a removed account'}</>} on <LocalTime iso={video.reviewedAt} />
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
          <LocalTime iso={video.created} />
        </dd>
        <dt>Uploaded</dt>
        <dd>{video.uploaded ? <LocalTime iso={video.uploaded} /> : 'Not yet'}</dd>
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
            <dd>{safeProcessingNote(video.processingNote)}</dd>
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

      {!isGoneOrFailed && (
        <section aria-labelledby="share-heading">
          <h2 id="share-heading">Share and embed</h2>
          <ShareLinks
            hint={shareHint}
            links={[
              { term: 'Share link', value: urls.watch, copyLabel: 'Copy share link' },
              { term: 'Embed code', value: embedSnippet(origin, video.uid), copyLabel: 'Copy embed code', isCode: true },
              { term: 'HLS manifest URL', value: urls.hls, copyLabel: 'Copy HLS URL' },
              { term: 'DASH manifest URL', value: `${origin}/stream/${video.uid}/manifest/video.mpd`, copyLabel: 'Copy DASH URL' },
            ]}
          />
        </section>
      )}

      <section aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage</h2>
        <RenameForm uid={video.uid} name={video.meta.name ?? ''} />
        {/* An admin deletes from the Moderation panel above: one Delete button on the page. */}
        {!isAdmin && <DeleteVideoButton uid={video.uid} name={name} label={video.isInterrupted ? 'Discard upload' : 'Delete video'} />}
      </section>
    </>
  );
}
