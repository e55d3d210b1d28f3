import { AppError, isAppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { type ListQuery, listVideos, parseListQuery } from './list-videos';

/** Search params of a page, as the list's query; a bad value becomes a message instead of an error page. */
export function readListParams(searchParams: Record<string, string | string[] | undefined>, keys: readonly string[]): {
  params: URLSearchParams;
  query: ListQuery;
  problem: string | null;
} {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = searchParams[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text) params.set(key, text);
  }
  try {
    return { params, query: parseListQuery(params), problem: null };
  } catch (error) {
    if (isAppError(error) && error.kind === 'BAD_REQUEST') return { params, query: {}, problem: error.message };
    throw error;
  }
}

/** One page of videos, newest first, and the cursor of the next (older) page. */
export async function listVideoPage(query: ListQuery, pageSize: number, ownerId?: string): Promise<{ videos: Video[]; nextBefore: string | null }> {
  if (pageSize < 1) throw new AppError('BAD_REQUEST', 'The page size must be at least 1.');
  const found = await listVideos({ ...query, limit: pageSize + 1 }, ownerId);
  const videos = found.slice(0, pageSize);
  return { videos, nextBefore: found.length > pageSize ? videos.at(-1)!.created.toISOString() : null };
}
