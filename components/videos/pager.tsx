import Link from 'next/link';

/** Newest-first paging: "Older videos" continues after the last one shown. */
export function Pager({ basePath, params, nextCursor }: { basePath: string; params: URLSearchParams; nextCursor: string | null }) {
  const isFirstPage = !params.has('cursor');
  if (!nextCursor && isFirstPage) return null;
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    if (cursor) next.set('cursor', cursor);
    const query = next.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <nav aria-label="Pages" className="pager">
      {!isFirstPage && (
        <Link href={withCursor(null)} className="button button--quiet">
          Newest
        </Link>
      )}
      {nextCursor && (
        <Link href={withCursor(nextCursor)} className="button button--quiet">
          Older videos
        </Link>
      )}
    </nav>
  );
}
