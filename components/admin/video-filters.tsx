import Link from 'next/link';
import { REVIEW_NAMES, STATE_NAMES } from '@/components/videos/badges';
import { REVIEW_DECISIONS, VIDEO_STATES } from '@/lib/videos/states';

/** The admin list's filters, as the page reads them from its URL (the form submits by GET). */
export const VIDEO_FILTERS = ['status', 'review', 'creator', 'search'] as const;

/** The admin list's filter form: a plain GET form, so a filtered list is a link to share. */
export function VideoFilters({ params, isFiltered }: { params: URLSearchParams; isFiltered: boolean }) {
  return (
    // Keyed by the filters: after "Clear filters" (a client navigation) the fields show the new values.
    <form key={params.toString()} method="get" action="/admin" className="filters" aria-label="Filter videos">
      <div className="field">
        <label htmlFor="filter-search">Search by name</label>
        <input id="filter-search" name="search" type="search" defaultValue={params.get('search') ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-status">State</label>
        <select id="filter-status" name="status" defaultValue={params.get('status') ?? ''}>
          <option value="">Any state</option>
          {VIDEO_STATES.map((state) => (
            <option key={state} value={state}>
              {STATE_NAMES[state]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-review">Review</label>
        <select id="filter-review" name="review" defaultValue={params.get('review') ?? ''}>
          <option value="">Any decision</option>
          {REVIEW_DECISIONS.map((review) => (
            <option key={review} value={review}>
              {REVIEW_NAMES[review]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-creator">Creator</label>
        <input id="filter-creator" name="creator" type="text" defaultValue={params.get('creator') ?? ''} aria-describedby="filter-creator-hint" />
        <p id="filter-creator-hint" className="field__hint">
          An email, or the creator id of an API upload.
        </p>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button button--primary">
          Filter
        </button>
        {isFiltered && (
          <Link href="/admin" className="button button--quiet">
            Clear filters
          </Link>
        )}
      </div>
    </form>
  );
}
