import type { Metadata } from 'next';
import Link from 'next/link';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { StateBadge } from '@/components/videos/badges';
import { Pager } from '@/components/videos/pager';
import { Thumbnail } from '@/components/videos/thumbnail';
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
            <li key={video.uid} className="video-card">
              <Thumbnail video={video} />
              <div className="video-card__body">
                <h2 className="video-card__title">
                  <Link href={`/videos/${video.uid}`}>{video.meta.name || 'Untitled video'}</Link>
                </h2>
                <StateBadge status={video.status} />
                <dl className="facts">
                  <div>
                    <dt>Size</dt>
                    <dd>{formatBytes(video.size)}</dd>
                  </div>
                  <div>
                    <dt>Duration</dt>
                    <dd>{video.duration >= 0 ? formatDuration(video.duration) : 'Not known yet'}</dd>
                  </div>
                  <div>
                    <dt>Created</dt>
                    <dd>
                      <time dateTime={video.created}>{formatDateTime(video.created)}</time>
                    </dd>
                  </div>
                </dl>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager basePath="/videos" params={params} nextCursor={nextCursor} />
      <RefreshWhileChanging states={summaries.map((video) => video.status.state)} />
    </>
  );
}
