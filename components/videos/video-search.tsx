import Link from 'next/link';
import { STATE_NAMES } from '@/components/videos/badges';
import { SelectField } from './select-field';
import { VIDEO_STATES } from '@/lib/videos/states';

/** The search fields of `/videos`, as the page reads them from its URL. */
export const MY_VIDEO_FILTERS = ['search', 'status'] as const;

/** `/videos`' search: a plain GET form, so a search is a link to share or bookmark. */
export function VideoSearch({ params, isFiltered }: { params: URLSearchParams; isFiltered: boolean }) {
  return (
    // Keyed by the filters: after "Clear" (a client navigation) the fields show the new values.
    <form key={params.toString()} method="get" action="/videos" className="filters" role="search" aria-label="Search my videos">
      <div className="field">
        <label htmlFor="videos-search">Search by name or media ID</label>
        <input id="videos-search" name="search" type="search" defaultValue={params.get('search') ?? ''} />
      </div>
      <SelectField id="videos-status" name="status" label="State" anyLabel="Any state" values={VIDEO_STATES} names={STATE_NAMES} value={params.get('status') ?? ''} />
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          Search
        </button>
        {isFiltered && (
          <Link href="/videos" className="button button--quiet">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
