'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import type { FilterValues } from '@/components/admin/video-filter-keys';
import { REVIEW_NAMES, STATE_NAMES } from '@/components/videos/badges';
import { SelectField } from '@/components/videos/select-field';
import { REVIEW_DECISIONS, VIDEO_STATES } from '@/lib/videos/states';
import './admin-list.css';

/**
 * The admin list's filter form: one search box (name, media ID or part of the creator's email)
 * and the state and review filters. A plain GET form, so a filtered list is a link to share. On
 * a phone the two lists fold behind a "State and review" button (open while one of them is
 * set); its name has no "Filter" in it, so the one button called Filter stays the submit; on a wider
 * screen everything fits on one line and the button is not shown.
 */
export function VideoFilters({ values, isFiltered }: { values: FilterValues; isFiltered: boolean }) {
  const hasMoreFilters = Boolean(values.status || values.review);
  const [isOpen, setIsOpen] = useState(hasMoreFilters);
  const panelId = useId();
  return (
    // Keyed by the filters: after "Clear filters" (a client navigation) the fields show the new values.
    <form key={JSON.stringify(values)} method="get" action="/admin" className="admin-filters" role="search" aria-label="Filter videos">
      {values.creator && <input type="hidden" name="creator" value={values.creator} />}
      <div className="field admin-filters__search">
        <label htmlFor="filter-search">Search by name, media ID or creator’s email</label>
        <input id="filter-search" name="search" type="search" defaultValue={values.search ?? ''} />
      </div>
      <button type="button" className="button button--quiet admin-filters__toggle" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen((open) => !open)}>
        State and review{hasMoreFilters ? ' (set)' : ''}
      </button>
      <div id={panelId} className="admin-filters__more" hidden={!isOpen}>
        <SelectField id="filter-status" name="status" label="State" anyLabel="Any state" values={VIDEO_STATES} names={STATE_NAMES} value={values.status ?? ''} />
        <SelectField id="filter-review" name="review" label="Review" anyLabel="Any decision" values={REVIEW_DECISIONS} names={REVIEW_NAMES} value={values.review ?? ''} />
      </div>
      <div className="admin-filters__actions">
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
