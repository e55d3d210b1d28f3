'use client';

import Link from 'next/link';
import { type Ref, useId, useState } from 'react';
import { VideoPlayer } from '@/components/player/video-player';
import { ReviewBadge, StateBadge } from '@/components/videos/badges';
import type { PlayerView } from '@/lib/playback/player-view';
import { formatBytes, formatDuration } from '@/lib/universal/format';
import type { ReviewIntent } from '@/lib/validations/review-decision';
import { reviewBlocker } from '@/lib/videos/review-blocker';
import type { VideoSummary } from '@/lib/videos/summarize-videos';
import { videoName } from '@/lib/videos/video-name';
import { failureReason, safeProcessingNote } from '@/lib/videos/failure-reason';
import { LocalTime } from '@/components/videos/local-time';

type Props = {
  video: VideoSummary;
  view: PlayerView;
  rowRef: Ref<HTMLLIElement>;
  isActive: boolean;
  isSelected: boolean;
  isBusy: boolean;
  onSelect: (uid: string, isSelected: boolean) => void;
  onActivate: (uid: string) => void;
  onDecide: (intent: ReviewIntent, uids: string[]) => void;
};

/**
 * One video in the admin's compact list: a checkbox, the thumbnail (which opens a player on
 * demand: "Watch"), name and media ID, creator, duration and size, state and review, and the
 * decisions that make sense in its state (Approve and Reject once every byte has arrived and
 * while it has not failed; Delete always).
 */
export function AdminVideoRow({ video, view, rowRef, isActive, isSelected, isBusy, onSelect, onActivate, onDecide }: Props) {
  const [openedView, setOpenedView] = useState<PlayerView | null>(null);
  const playerId = useId();
  const name = videoName(video);
  const canReview = reviewBlocker(video.status.state) === null;
  const reason = video.status.state === 'error' ? failureReason(video.status) : '';
  const note = [reason, video.processingNote ? safeProcessingNote(video.processingNote) : ''].filter(Boolean).join(' ');
  const decided = video.review !== 'pending' && video.reviewedAt;
  return (
    <li ref={rowRef} className="admin-row" tabIndex={-1} data-active={isActive || undefined} onFocus={() => onActivate(video.uid)}>
      <div className="admin-row__grid">
        <input type="checkbox" className="admin-row__select" aria-label={`Select “${name}”`} checked={isSelected} onChange={(event) => onSelect(video.uid, event.target.checked)} />
        <button type="button" className="admin-row__watch" aria-expanded={openedView !== null} aria-controls={playerId} onClick={() => setOpenedView((opened) => (opened ? null : view))}>
          {video.status.state === 'ready' ? (
            // A plain <img>: the thumbnail route already sizes the image; no optimiser in between.
            // eslint-disable-next-line @next/next/no-img-element
            <img className="admin-row__thumb" src={`${video.thumbnail}?height=90`} alt="" width={80} height={45} loading="lazy" decoding="async" />
          ) : (
            <span className="admin-row__thumb thumbnail--empty" />
          )}
          <span className="admin-row__play" aria-hidden="true">
            {openedView ? '■' : '▶'}
          </span>
          <span className="visually-hidden">{openedView ? 'Hide player' : 'Watch'}</span>
        </button>
        <div className="admin-row__title">
          <Link href={`/videos/${video.uid}`} className="admin-row__name">
            {name}
          </Link>
          <code className="media-id admin-row__uid">{video.uid}</code>
        </div>
        <div className="admin-row__facts">
          <span className="admin-row__creator">
            <span className="visually-hidden">Creator: </span>
            {video.ownerEmail ?? video.creator ?? 'None'}
          </span>
          <span>
            <span className="visually-hidden">Duration: </span>
            {video.duration >= 0 ? formatDuration(video.duration) : 'Duration not known yet'}
            {' · '}
            <span className="visually-hidden">Size: </span>
            {formatBytes(video.size)}
          </span>
        </div>
        <div className="admin-row__status">
          <span className="badges">
            <StateBadge status={video.status} /> <ReviewBadge review={video.review} />
          </span>{' '}
          {decided && (
            <span className="admin-row__decision">
              by {video.reviewerEmail ?? 'a removed account'} on <LocalTime iso={video.reviewedAt!} />
              {video.reviewReason && <>: “{video.reviewReason}”</>}
            </span>
          )}
        </div>
        <div className="admin-row__actions">
          {canReview && (
            <>
              <button type="button" className="button admin-row__button" disabled={isBusy} onClick={() => onDecide('approve', [video.uid])}>
                Approve
              </button>
              <button type="button" className="button admin-row__button" disabled={isBusy} onClick={() => onDecide('reject', [video.uid])}>
                Reject
              </button>
            </>
          )}
          <button type="button" className="button button--danger admin-row__button" disabled={isBusy} onClick={() => onDecide('delete', [video.uid])}>
            Delete
          </button>
        </div>
      </div>
      {note && <p className="admin-row__note">{note}</p>}
      <div id={playerId}>
        {openedView && (
          <VideoPlayer
            src={openedView.src}
            poster={openedView.poster}
            status={openedView.status}
            isGone={openedView.isGone}
            width={openedView.width}
            height={openedView.height}
          />
        )}
      </div>
    </li>
  );
}
