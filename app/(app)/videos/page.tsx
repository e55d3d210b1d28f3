import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { StateBadge, reviewName } from '@/components/videos/badges';
import { Pager } from '@/components/videos/pager';
import { VideoCard } from '@/components/videos/video-card';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { formatBytes, formatDateTime, formatDuration } from '@/lib/universal/format';
import { listVideoPage, readListParams } from '@/lib/videos/list-page';
import { summarizeVideos } from '@/lib/videos/summarize-videos';

export const metadata: Metadata = { title: 'My videos' };

const PAGE_SIZE = 24;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MyVideosPage({ searchParams }: Props) {
  const user = await requireUser('/videos');
  const { params, query, cursor, problem } = readListParams(await searchParams, []);
  const { videos, nextCursor } = await listVideoPage(query, cursor, PAGE_SIZE, user.id);
  const summaries = await summarizeVideos(videos, getEnv().accountId);

  return (
    <>
      <h1>My videos</h1>
      {problem && (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      )}
      {summaries.length === 0 ? (
        <p className="empty">
          {cursor ? 'No older videos.' : 'No videos yet.'} <Link href="/">Upload a video</Link>
        </p>
      ) : (
        <ul className="video-list">
          {summaries.map((video) => (
            <VideoCard
              key={video.uid}
              video={video}
              headingLevel={2}
              badges={<StateBadge status={video.status} />}
              facts={[
                { term: 'Size', detail: formatBytes(video.size) },
                { term: 'Duration', detail: video.duration >= 0 ? formatDuration(video.duration) : 'Not known yet' },
                { term: 'Created', detail: <time dateTime={video.created}>{formatDateTime(video.created)}</time> },
                // The decision and, for a rejection, the reviewer's reason: never who reviewed.
                { term: 'Review', detail: video.reviewReason ? `${reviewName(video.review)}: ${video.reviewReason}` : reviewName(video.review) },
              ]}
            />
          ))}
        </ul>
      )}
      <Pager basePath="/videos" params={params} nextCursor={nextCursor} />
      <RefreshWhileChanging states={summaries.map((video) => video.status.state)} />
    </>
  );
}
