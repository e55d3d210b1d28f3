import { getDb } from '@/lib/db/client';

/**
 * The work waiting, from the catalog (the same on every instance): processing (uploads
 * waiting to be probed/encoded), encoding (being worked on now), webhooks (notices not yet
 * delivered), copies (uploads via link being fetched). Each with its oldest item's time.
 */

export type QueueName = 'processing' | 'encoding' | 'webhooks' | 'copies';
export type QueueStats = { name: QueueName; depth: number; oldest: Date | null };

export async function readQueues(): Promise<QueueStats[]> {
  const db = getDb();
  const [queued, queuedOldest, working, workingOldest, webhooks, webhooksOldest, copies, copiesOldest] = await Promise.all([
    db.video.count({ where: { state: 'queued' } }),
    db.video.findFirst({ where: { state: 'queued' }, orderBy: { uploaded: 'asc' }, select: { uploaded: true, created: true } }),
    db.video.count({ where: { state: 'inprogress' } }),
    db.video.findFirst({ where: { state: 'inprogress' }, orderBy: { uploaded: 'asc' }, select: { uploaded: true, created: true } }),
    db.webhookDelivery.count({ where: { state: 'pending' } }),
    db.webhookDelivery.findFirst({ where: { state: 'pending' }, orderBy: { created: 'asc' }, select: { created: true } }),
    db.video.count({ where: { state: 'downloading' } }),
    db.video.findFirst({ where: { state: 'downloading' }, orderBy: { created: 'asc' }, select: { created: true } }),
  ]);
  return [
    { name: 'processing', depth: queued, oldest: queuedOldest ? (queuedOldest.uploaded ?? queuedOldest.created) : null },
    { name: 'encoding', depth: working, oldest: workingOldest ? (workingOldest.uploaded ?? workingOldest.created) : null },
    { name: 'webhooks', depth: webhooks, oldest: webhooksOldest?.created ?? null },
    { name: 'copies', depth: copies, oldest: copiesOldest?.created ?? null },
  ];
}
