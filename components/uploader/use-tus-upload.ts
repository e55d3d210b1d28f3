'use client';

import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FileLimits } from './check-file';
import type { UploadEntry } from './upload-phases';
import { getUploadQueue, type UploadQueue } from './upload-queue';

const NO_ENTRIES: readonly UploadEntry[] = [];

/** The page's view of the upload queue, and what a person can do with it. */
export function useTusUploads(options: { endpoint: string; userId: string; accountId: string } & FileLimits): {
  entries: readonly UploadEntry[];
  queue: UploadQueue;
  announcement: string;
} {
  const { endpoint, userId, accountId, maxUploadBytes, maxDurationSeconds } = options;
  const queue = useMemo(
    () => getUploadQueue({ endpoint, userId, accountId, limits: { maxUploadBytes, maxDurationSeconds } }),
    [endpoint, userId, accountId, maxUploadBytes, maxDurationSeconds],
  );
  const entries = useSyncExternalStore(queue.subscribe, queue.getSnapshot, () => NO_ENTRIES);
  const { announcement, announce } = useAnnouncer();

  useEffect(() => {
    queue.setAnnouncer(announce);
    void queue.restoreInterrupted();
    // Uploads go on while the person looks at other pages; they are just not spoken about.
    return () => queue.setAnnouncer(null);
  }, [queue, announce]);

  return { entries, queue, announcement };
}

/**
 * Text for a polite aria-live region. The same text twice still gets read (a no-break space
 * toggles), and the region empties after a while so stale news is not read again later.
 */
function useAnnouncer(clearAfterMs = 8000): { announcement: string; announce: (text: string) => void } {
  const [announcement, setAnnouncement] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback(
    (text: string) => {
      setAnnouncement((previous) => (previous === text ? `${text}\u00a0` : text));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setAnnouncement(''), clearAfterMs);
    },
    [clearAfterMs],
  );
  useEffect(() => () => clearTimeout(timer.current), []);
  return { announcement, announce };
}
