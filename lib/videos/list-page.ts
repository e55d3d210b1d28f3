import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import type { Prisma, Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/universal/is-media-id';
import { type ListQuery, NEWEST_FIRST, parseListQuery, videoFilter } from './list-videos';

/**
 * The pages' lists: newest first, a page at a time. The cursor names the last video shown
 * (its creation time and uid), so videos created in the same millisecond are neither skipped
 * nor shown twice across a page boundary.
 */

export type PageCursor = { created: Date; uid: string };

export function encodeCursor(video: Pick<Video, 'created' | 'uid'>): string {
  return `${video.created.toISOString()}~${video.uid}`;
}

function decodeCursor(text: string | null): PageCursor | null {
  const [iso, uid] = text?.split('~') ?? [];
  const created = iso ? new Date(iso) : null;
  return created && !Number.isNaN(created.getTime()) && uid && isMediaId(uid) ? { created, uid } : null;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** Search params of a page, as a list query; a bad value becomes a message instead of an error page. */
export function readListParams(
  searchParams: SearchParams,
  keys: readonly string[],
): { params: URLSearchParams; query: ListQuery; cursor: PageCursor | null; problem: string | null } {
  const params = new URLSearchParams();
  for (const key of [...keys, 'cursor']) {
    const value = searchParams[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) params.set(key, text);
  }
  const cursor = decodeCursor(params.get('cursor'));
  const filters = new URLSearchParams(params);
  filters.delete('cursor');
  try {
    return { params, query: parseListQuery(filters), cursor, problem: null };
  } catch (error) {
    if (isAppError(error) && error.kind === 'BAD_REQUEST') return { params, query: {}, cursor, problem: error.message };
    throw error;
  }
}

/** The videos older than the cursor's (all of them without one). */
export function afterCursor(cursor: PageCursor | null): Prisma.VideoWhereInput {
  return cursor ? { OR: [{ created: { lt: cursor.created } }, { created: cursor.created, uid: { lt: cursor.uid } }] } : {};
}

/**
 * One page of videos, newest first, and the cursor of the next (older) page. `extra` narrows
 * further (the admin's search box).
 */
export async function listVideoPage(
  query: ListQuery,
  cursor: PageCursor | null,
  pageSize: number,
  ownerId?: string,
  extra: Prisma.VideoWhereInput = {},
): Promise<{ videos: Video[]; nextCursor: string | null }> {
  const found = await getDb().video.findMany({
    where: { AND: [videoFilter(query, ownerId), extra, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: pageSize + 1,
  });
  const videos = found.slice(0, pageSize);
  return { videos, nextCursor: found.length > pageSize ? encodeCursor(videos.at(-1)!) : null };
}

/** How many videos the list's filters match on all its pages. */
export async function countListMatches(query: ListQuery, ownerId?: string, extra: Prisma.VideoWhereInput = {}): Promise<number> {
  return getDb().video.count({ where: { AND: [videoFilter(query, ownerId), extra] } });
}
