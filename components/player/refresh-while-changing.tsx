'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the page's server components every few seconds while `isActive` (a video still
 * uploading, fetching or encoding), so its state, the "Still encoding" percentage and, once
 * ready, the stream follow the video without a reload. Client state (a playing video) stays.
 */
export function RefreshWhileChanging({ isActive, intervalMs = 2000 }: { isActive: boolean; intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!isActive) return;
    const timer = setInterval(() => {
      // A hidden tab waits: nobody watches it.
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [isActive, intervalMs, router]);
  return null;
}
