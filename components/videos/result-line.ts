import type { VideoState } from '@/lib/videos/states';
import { STATE_NAMES } from './badges';

export type ResultCounts = { total: number; skipped: number; shown: number; search?: string; status?: VideoState };

/** `/videos`' result line: how many videos match, which of them this page shows, and the search. */
export function resultLine({ total, skipped, shown, search, status }: ResultCounts): string {
  const filters = [search ? ` matching “${search}”` : '', status ? ` in state ${STATE_NAMES[status]}` : ''].join('');
  if (total === 0) return filters ? 'No videos match this search.' : 'No videos yet.';
  if (shown === 0) return `No more videos: all ${total} were on the pages before.`;
  const count = shown === total ? `${total} ${total === 1 ? 'video' : 'videos'}` : `Videos ${skipped + 1}–${skipped + shown} of ${total}`;
  return `${count}${filters}.`;
}
