'use client';

import { useId, useState } from 'react';
import { VideoPlayer } from '@/components/player/video-player';
import type { PlayerView } from '@/lib/playback/player-view';

/**
 * The admin's review player for one video, loaded on demand: the list shows a "Watch" button,
 * and only a video the admin opens gets a player (and hls.js, and its stream).
 */
export function ReviewPlayer({ view }: { view: PlayerView }) {
  const [isOpen, setIsOpen] = useState(false);
  const regionId = useId();
  return (
    <div className="review-player">
      <button type="button" className="button" aria-expanded={isOpen} aria-controls={regionId} onClick={() => setIsOpen((open) => !open)}>
        {isOpen ? 'Hide player' : 'Watch'}
      </button>
      <div id={regionId}>
        {isOpen && <VideoPlayer src={view.src} poster={view.poster} status={view.status} isGone={view.isGone} width={view.width} height={view.height} />}
      </div>
    </div>
  );
}
