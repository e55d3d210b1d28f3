'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { VideoState } from '@/lib/videos/states';
import { refreshIntervalMs } from './player-state';

/**
 * The one way the app's pages follow their videos: re-renders the page's server components
 * while one of the page's videos (their `states`) is still uploading, fetching or encoding, so states, the "Still encoding" percentage and, once
 * ready, the stream follow the video without a reload. Client state (a playing video) stays.
 */
export function RefreshWhileChanging({ states }: { states: readonly VideoState[] }) {
  const router = useRouter();
  const intervalMs = refreshIntervalMs(states);
  useEffect(() => {
    if (intervalMs === null) return;
    const timer = setInterval(() => {
      // A hidden tab waits: nobody watches it.
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    // …and catches up as soon as it is shown again, instead of showing a stale state until the next tick.
    const onVisible = () => {
      if (document.visibilityState === 'visible') router.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs, router]);
  return null;
}
