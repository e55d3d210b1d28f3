import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminVideoCard } from '@/components/admin/admin-video-card';
import { UsageTable } from '@/components/admin/usage-table';
import { VIDEO_FILTERS, VideoFilters } from '@/components/admin/video-filters';
import { WebhookLog } from '@/components/admin/webhook-log';
import { Pager } from '@/components/videos/pager';
import { requireAdmin } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { appPlaybackId } from '@/lib/playback/app-playback-id';
import { playerView } from '@/lib/playback/player-view';
import { findCreatorId } from '@/lib/videos/find-creator-id';
import { listVideoPage, readListParams } from '@/lib/videos/list-page';
import { listUserUsage } from '@/lib/videos/list-user-usage';
import { summarizeVideos } from '@/lib/videos/summarize-videos';
import { listWebhookDeliveries } from '@/lib/webhooks/list-deliveries';
import { getWebhook } from '@/lib/webhooks/webhook-config';

export const metadata: Metadata = { title: 'Admin' };

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requireAdmin('/admin');
  const { params, query, cursor, problem } = readListParams(await searchParams, VIDEO_FILTERS);
  const creatorId = await findCreatorId(params.get('creator') ?? '');
  const listQuery = creatorId ? { ...query, creator: creatorId } : query;
  const { videos, nextCursor } = await listVideoPage(listQuery, cursor, PAGE_SIZE);
  const [summaries, webhook, deliveries, usage] = await Promise.all([
    summarizeVideos(videos, getEnv().accountId),
    getWebhook(getEnv().accountId),
    listWebhookDeliveries(20),
    listUserUsage(),
  ]);
  const playbackIds = await Promise.all(videos.map((video) => appPlaybackId(video)));
  const isFiltered = VIDEO_FILTERS.some((key) => params.has(key));

  return (
    <>
      <h1>All videos</h1>
      <p>
        <Link href="/admin/system">System status</Link>: instances, uploads in flight, queues, storage and failures.
      </p>
      <p>
        <Link href="/admin/webhooks">Webhook</Link>: where notices go, a test notice, and the log of deliveries.
      </p>
      <VideoFilters params={params} isFiltered={isFiltered} />

      {problem && (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      )}

      <h2 className="visually-hidden">Videos</h2>
      {summaries.length === 0 ? (
        <p className="empty">{isFiltered ? 'No videos match these filters.' : 'No videos yet.'}</p>
      ) : (
        <ul className="video-list video-list--admin">
          {summaries.map((video, i) => (
            <AdminVideoCard key={video.uid} video={video} view={playerView(video, playbackIds[i]!, { posterHeight: 360 })} />
          ))}
        </ul>
      )}
      <Pager basePath="/admin" params={params} nextCursor={nextCursor} />
      <UsageTable {...usage} />
      <WebhookLog notificationUrl={webhook?.notificationUrl ?? null} deliveries={deliveries} />
    </>
  );
}
