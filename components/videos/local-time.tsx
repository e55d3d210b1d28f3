'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime } from '@/lib/universal/format';

const subscribe = () => () => {};

/**
 * A time in the viewer's own time zone and language, with the ISO instant in `<time dateTime>`.
 * The server cannot know the zone: it renders UTC (and says so), and hydration renders the same
 * (useSyncExternalStore's server snapshot), so React sees no mismatch; the browser then
 * re-renders with its own zone.
 */
export function LocalTime({ iso }: { iso: string }) {
  const isBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <time dateTime={iso}>{isBrowser ? formatLocal(iso) : formatDateTime(iso)}</time>;
}

function formatLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}
