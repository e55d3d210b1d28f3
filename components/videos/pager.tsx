import Link from 'next/link';

/** Newest-first paging by creation time: "Older videos" continues after the last one shown. */
export function Pager({ basePath, params, nextBefore, isFirstPage }: { basePath: string; params: URLSearchParams; nextBefore: string | null; isFirstPage: boolean }) {
  if (!nextBefore && isFirstPage) return null;
  const withBefore = (before: string | null) => {
    const next = new URLSearchParams(params);
    next.delete('before');
    if (before) next.set('before', before);
    const query = next.toString();
    return query ? `${basePath}?${query}` : basePath;
  };
  return (
    <nav aria-label="Pages" className="pager">
      {!isFirstPage && (
        <Link href={withBefore(null)} className="button button--quiet">
          Newest
        </Link>
      )}
      {nextBefore && (
        <Link href={withBefore(nextBefore)} className="button button--quiet">
          Older videos
        </Link>
      )}
    </nav>
  );
}
