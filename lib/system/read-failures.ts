import { getDb } from '@/lib/db/client';

export type Failures = {
  since: Date;
  /** Videos that ended in error, by reason code. */
  videos: { code: string; count: number }[];
  webhookAttemptsFailed: number;
  webhooksGivenUp: number;
};

/** What went wrong in the last 24 hours (or since `since`). */
export async function readFailures(now = new Date(), since = new Date(now.getTime() - 24 * 3600 * 1000)): Promise<Failures> {
  const db = getDb();
  const [videos, webhookAttemptsFailed, webhooksGivenUp] = await Promise.all([
    db.video.groupBy({ by: ['errorReasonCode'], where: { state: 'error', modified: { gte: since } }, _count: { _all: true } }),
    db.webhookAttempt.count({ where: { at: { gte: since }, error: { not: null } } }),
    db.webhookDelivery.count({ where: { state: 'failed', modified: { gte: since } } }),
  ]);
  return {
    since,
    videos: videos.map((row) => ({ code: row.errorReasonCode ?? 'unknown', count: row._count._all })).sort((a, b) => b.count - a.count),
    webhookAttemptsFailed,
    webhooksGivenUp,
  };
}
