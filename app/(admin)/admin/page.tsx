import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminVideoList } from '@/components/admin/admin-video-list';
import { UsageTable } from '@/components/admin/usage-table';
import { type FilterValues, VIDEO_FILTERS } from '@/components/admin/video-filter-keys';
import { VideoFilters } from '@/components/admin/video-filters';
import { WebhookLog } from '@/components/admin/webhook-log';
import { Pager } from '@/components/videos/pager';
import { requireAdmin } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { appPlaybackId } from '@/lib/playback/app-playback-id';
import { playerView } from '@/lib/playback/player-view';
import { adminSearchFilter } from '@/lib/videos/admin-search-filter';
import { findCreatorId } from '@/lib/videos/find-creator-id';
import { countListMatches, listVideoPage, readListParams } from '@/lib/videos/list-page';
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
  // The search box looks at names, media IDs and creators (the list query's `search` is names only).
  const { search, ...filters } = query;
  const creatorId = await findCreatorId(params.get('creator') ?? '');
  const listQuery = creatorId ? { ...filters, creator: creatorId } : filters;
  const where = adminSearchFilter(search);
  const [{ videos, nextCursor }, total] = await Promise.all([
    listVideoPage(listQuery, cursor, PAGE_SIZE, undefined, where),
    countListMatches(listQuery, undefined, where),
  ]);
  const [summaries, webhook, deliveries, usage] = await Promise.all([
    summarizeVideos(videos, getEnv().accountId),
    getWebhook(getEnv().accountId),
    listWebhookDeliveries(20),
    listUserUsage(),
  ]);
  const playbackIds = await Promise.all(videos.map((video) => appPlaybackId(video)));
  const isFiltered = VIDEO_FILTERS.some((key) => params.has(key));
  const values: FilterValues = Object.fromEntries(VIDEO_FILTERS.map((key) => [key, params.get(key) ?? undefined]));
  const count = `${total} ${total === 1 ? 'video' : 'videos'}${isFiltered ? (total === 1 ? ' matches' : ' match') : ''}`;

  return (
    <>
      <div className="admin-head">
        <h1>All videos</h1>
        <p>
          <Link href="/admin/system">System status</Link> · <Link href="/admin/webhooks">Webhook</Link>
        </p>
      </div>
      <VideoFilters values={values} isFiltered={isFiltered} />

      {problem && (
        <p role="alert" className="notice notice--error">
          {problem}
        </p>
      )}

      <h2 className="admin-count" id="admin-count">
        {summaries.length < total ? `${count}; ${summaries.length} on this page` : count}
      </h2>
      <AdminVideoList
        videos={summaries}
        views={summaries.map((video, i) => playerView(video, playbackIds[i]!, { posterHeight: 360 }))}
        emptyText={isFiltered ? 'No videos match these filters.' : 'No videos yet.'}
      />
      <Pager basePath="/admin" params={params} nextCursor={nextCursor} />
      <UsageTable {...usage} />
      <WebhookLog notificationUrl={webhook?.notificationUrl ?? null} deliveries={deliveries} />
    </>
  );
}
