import type { Metadata } from 'next';
import Link from 'next/link';
import { ReviewControls } from '@/components/admin/review-controls';
import { ReviewPlayer } from '@/components/admin/review-player';
import { UsageTable } from '@/components/admin/usage-table';
import { WebhookLog } from '@/components/admin/webhook-log';
import { ReviewBadge, StateBadge } from '@/components/videos/badges';
import { Pager } from '@/components/videos/pager';
import { Thumbnail } from '@/components/videos/thumbnail';
import { requireAdmin } from '@/lib/auth/current-user';
import { findUserByEmail } from '@/lib/auth/users';
import { getEnv } from '@/lib/env';
import { appPlaybackId } from '@/lib/playback/app-playback-id';
import { playerView } from '@/lib/playback/player-view';
import { listUserUsage } from '@/lib/limits/list-user-usage';
import { formatBytes, formatDateTime } from '@/lib/universal/format';
import { listVideoPage, readListParams } from '@/lib/videos/list-page';
import { REVIEW_DECISIONS, VIDEO_STATES } from '@/lib/videos/states';
import { summarizeVideos } from '@/lib/videos/summarize-videos';
import { listWebhookDeliveries } from '@/lib/webhooks/list-deliveries';
import { getWebhook } from '@/lib/webhooks/webhook-config';

export const metadata: Metadata = { title: 'Admin' };

const PAGE_SIZE = 50;
const FILTERS = ['status', 'review', 'creator', 'search'] as const;

const STATE_NAMES: Record<string, string> = {
  pendingupload: 'Uploading',
  queued: 'Waiting for processing',
  inprogress: 'Processing',
  ready: 'Ready',
  error: 'Error',
};
const REVIEW_NAMES: Record<string, string> = { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requireAdmin('/admin');
  const { params, query, cursor, problem } = readListParams(await searchParams, FILTERS);
  // Creators are user ids (uploads from the app) or free text (API uploads): an email finds its user.
  const creatorInput = params.get('creator') ?? '';
  const creatorUser = creatorInput.includes('@') ? await findUserByEmail(creatorInput) : null;
  const listQuery = creatorUser ? { ...query, creator: creatorUser.id } : query;
  const { videos, nextCursor } = await listVideoPage(listQuery, cursor, PAGE_SIZE);
  const [summaries, webhook, deliveries, usage] = await Promise.all([
    summarizeVideos(videos, getEnv().accountId),
    getWebhook(getEnv().accountId),
    listWebhookDeliveries(20),
    listUserUsage(),
  ]);
  const playbackIds = await Promise.all(videos.map((video) => appPlaybackId(video)));
  const isFiltered = FILTERS.some((key) => params.has(key));

  return (
    <>
      <h1>All videos</h1>
      <p>
        <Link href="/admin/system">System status</Link>: instances, uploads in flight, queues, storage and failures.
      </p>
      {/* Keyed by the filters: after "Clear filters" (a client navigation) the fields show the new values. */}
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
          <input id="filter-creator" name="creator" type="text" defaultValue={creatorInput} aria-describedby="filter-creator-hint" />
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
          {summaries.map((video, i) => {
            const name = video.meta.name || 'Untitled video';
            return (
              <li key={video.uid} className="video-card">
                <Thumbnail video={video} />
                <div className="video-card__body">
                  <h3 className="video-card__title">
                    <Link href={`/videos/${video.uid}`}>{name}</Link>
                  </h3>
                  <p className="badges">
                    <StateBadge status={video.status} /> <ReviewBadge review={video.review} />
                  </p>
                  <dl className="facts">
                    <div>
                      <dt>Media ID</dt>
                      <dd>
                        <code className="media-id">{video.uid}</code>
                      </dd>
                    </div>
                    <div>
                      <dt>Creator</dt>
                      <dd>{video.ownerEmail ?? video.creator ?? 'None'}</dd>
                    </div>
                    <div>
                      <dt>Size</dt>
                      <dd>{formatBytes(video.size)}</dd>
                    </div>
                    <div>
                      <dt>Created</dt>
                      <dd>
                        <time dateTime={video.created}>{formatDateTime(video.created)}</time>
                      </dd>
                    </div>
                    {video.review !== 'pending' && video.reviewedAt && (
                      <div>
                        <dt>Decision</dt>
                        <dd>
                          {REVIEW_NAMES[video.review]} by {video.reviewerEmail ?? 'a removed account'} on{' '}
                          <time dateTime={video.reviewedAt}>{formatDateTime(video.reviewedAt)}</time>
                        </dd>
                      </div>
                    )}
                    {(video.status.errorReasonText || video.processingNote) && (
                      <div>
                        <dt>Note</dt>
                        <dd>{[video.status.errorReasonText, video.processingNote].filter(Boolean).join(' ')}</dd>
                      </div>
                    )}
                  </dl>
                  <ReviewPlayer view={playerView(video, playbackIds[i]!, { posterHeight: 360 })} />
                  <ReviewControls uid={video.uid} name={name} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Pager basePath="/admin" params={params} nextCursor={nextCursor} />
      <UsageTable {...usage} />
      <WebhookLog notificationUrl={webhook?.notificationUrl ?? null} deliveries={deliveries} />
    </>
  );
}
