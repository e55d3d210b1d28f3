import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { INTERRUPTED_HINT, StateBadge, reviewName } from '@/components/videos/badges';
import { DeleteVideoButton } from '@/components/videos/delete-video-button';
import { LocalTime } from '@/components/videos/local-time';
import { Pager } from '@/components/videos/pager';
import { resultLine } from '@/components/videos/result-line';
import { VideoCard, type VideoFact } from '@/components/videos/video-card';
import { MY_VIDEO_FILTERS, VideoSearch } from '@/components/videos/video-search';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { formatBytes, formatDuration } from '@/lib/universal/format';
import { countVideoPage } from '@/lib/videos/count-video-page';
import { failureReason } from '@/lib/videos/failure-reason';
import { listVideoPage, readListParams } from '@/lib/videos/list-page';
import { searchByNameOrId } from '@/lib/videos/search-by-name-or-id';
import { type VideoSummary, summarizeVideos } from '@/lib/videos/summarize-videos';
import { videoName } from '@/lib/videos/video-name';

export const metadata: Metadata = { title: 'My videos' };

const PAGE_SIZE = 24;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function facts(video: VideoSummary): VideoFact[] {
  const list: VideoFact[] = [{ term: 'Size', detail: formatBytes(video.size) }];
  if (video.status.state === 'error') list.push({ term: 'Reason', detail: failureReason(video.status) });
  else list.push({ term: 'Duration', detail: video.duration >= 0 ? formatDuration(video.duration) : 'Known once processed' });
  list.push({ term: 'Created', detail: <LocalTime iso={video.created} /> });
  // The decision and, for a rejection, the reviewer's reason: never who reviewed.
  list.push({ term: 'Review', detail: video.reviewReason ? `${reviewName(video.review)}: ${video.reviewReason}` : reviewName(video.review) });
  return list;
}

export default async function MyVideosPage({ searchParams }: Props) {
  const user = await requireUser('/videos');
  const raw = await searchParams;
  const { params, query, cursor, problem } = readListParams(raw, MY_VIDEO_FILTERS);
  const listQuery = searchByNameOrId(query);
  const [{ videos, nextCursor }, counts] = await Promise.all([
    listVideoPage(listQuery, cursor, PAGE_SIZE, user.id),
    countVideoPage(listQuery, cursor, user.id),
  ]);
  const summaries = await summarizeVideos(videos, getEnv().accountId);
  const isFiltered = MY_VIDEO_FILTERS.some((key) => params.has(key));
  const deleted = typeof raw.deleted === 'string' ? raw.deleted.slice(0, 300) : null;

  return (
    <>
      <h1>My videos</h1>
      {deleted !== null && (
        <p role="status" className="notice notice--ok">
          Deleted “{deleted}”.
        </p>
      )}
      <VideoSearch params={params} isFiltered={isFiltered} />
      {problem && (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      )}
      {counts.total === 0 && !isFiltered ? (
        <p className="empty">
          No videos yet. <Link href="/">Upload a video</Link>
        </p>
      ) : (
        <p className="result-line">
          {resultLine({ ...counts, shown: summaries.length, search: query.search, status: query.status })}
        </p>
      )}
      {summaries.length > 0 && (
        <ul className="video-list">
          {summaries.map((video) => (
            <VideoCard
              key={video.uid}
              video={video}
              headingLevel={2}
              badges={<StateBadge status={video.status} isInterrupted={video.isInterrupted} />}
              facts={facts(video)}
            >
              {video.isInterrupted && (
                <p className="interrupted-note">
                  {INTERRUPTED_HINT} on the <Link href="/">upload page</Link>, or discard it.
                </p>
              )}
              {(video.isInterrupted || video.status.state === 'error') && (
                <DeleteVideoButton uid={video.uid} name={videoName(video)} label={video.isInterrupted ? 'Discard upload' : 'Delete video'} />
              )}
            </VideoCard>
          ))}
        </ul>
      )}
      <Pager basePath="/videos" params={params} nextCursor={nextCursor} />
      <RefreshWhileChanging states={summaries.filter((video) => !video.isInterrupted).map((video) => video.status.state)} />
    </>
  );
}
