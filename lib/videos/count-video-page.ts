import { getDb } from '@/lib/db/client';
import { afterCursor, type PageCursor } from './list-page';
import { type ListQuery, videoFilter } from './list-videos';

/**
 * For a list's result line: how many videos match the query, and how many of them come before
 * the page that starts at the cursor (newest first), so a page can say "26–30 of 30".
 */
export async function countVideoPage(query: ListQuery, cursor: PageCursor | null, ownerId?: string): Promise<{ total: number; skipped: number }> {
  const where = videoFilter(query, ownerId);
  const [total, fromCursor] = await Promise.all([
    getDb().video.count({ where }),
    cursor ? getDb().video.count({ where: { AND: [where, afterCursor(cursor)] } }) : null,
  ]);
  return { total, skipped: fromCursor === null ? 0 : total - fromCursor };
}
