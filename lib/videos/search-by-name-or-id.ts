import { isMediaId } from '@/lib/universal/is-media-id';
import type { ListQuery } from './list-videos';

/** `/videos`' one search field: a media ID (as copied, any case) finds that video; any other text searches the names. */
export function searchByNameOrId(query: ListQuery): ListQuery {
  const term = query.search?.trim().toLowerCase();
  if (term && isMediaId(term)) return { ...query, search: undefined, id: [term] };
  return query;
}
