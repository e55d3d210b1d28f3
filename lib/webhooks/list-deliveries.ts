import { getDb } from '@/lib/db/client';

/** The latest webhook notices with every attempt and the video's name (null once it is deleted), newest first (for admins). */
export async function listWebhookDeliveries(limit = 50) {
  return getDb().webhookDelivery.findMany({
    orderBy: { created: 'desc' },
    take: limit,
    select: {
      id: true,
      videoUid: true,
      video: { select: { name: true } },
      event: true,
      url: true,
      state: true,
      attemptCount: true,
      nextAttemptAt: true,
      created: true,
      attempts: { orderBy: { attempt: 'asc' }, select: { attempt: true, at: true, status: true, error: true, durationMs: true } },
    },
  });
}

export type WebhookDeliveryLog = Awaited<ReturnType<typeof listWebhookDeliveries>>[number];
