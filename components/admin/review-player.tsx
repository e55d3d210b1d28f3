'use client';

import { useId, useState } from 'react';
import { VideoPlayer } from '@/components/player/video-player';
import type { PlayerView } from '@/lib/playback/player-view';

/**
 * The admin's review player for one video, loaded on demand: the list shows a "Watch" button,
 * and only a video the admin opens gets a player (and hls.js, and its stream). The player keeps
 * the stream it opened with: when a decision re-renders the list (which may hand out a fresh
 * playback token), the video goes on playing instead of starting over.
 */
export function ReviewPlayer({ view }: { view: PlayerView }) {
  const [openedView, setOpenedView] = useState<PlayerView | null>(null);
  const regionId = useId();
  return (
    <div className="review-player">
      <button type="button" className="button" aria-expanded={openedView !== null} aria-controls={regionId} onClick={() => setOpenedView((opened) => (opened ? null : view))}>
        {openedView ? 'Hide player' : 'Watch'}
      </button>
      <div id={regionId}>
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
    </div>
  );
}
