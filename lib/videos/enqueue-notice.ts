import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { backgroundOrigin } from '@/lib/instance';
import { wakeJob } from '@/lib/jobs/wake';
import { presentVideo } from './present-video';

/**
 * A video reached `ready` or `error`: if the account has a webhook, a delivery is queued
 * in the database (the body is the bare VIDEO JSON of this moment). The webhook job sends it.
 */
export async function enqueueVideoNotice(uid: string): Promise<void> {
  const db = getDb();
  const env = getEnv();
  const [webhook, video] = await Promise.all([db.webhook.findUnique({ where: { accountId: env.accountId } }), db.video.findUnique({ where: { uid } })]);
  if (!webhook || !video || (video.state !== 'ready' && video.state !== 'error')) return;
  const payload = JSON.stringify(presentVideo(video, { baseUrl: backgroundOrigin(), accountId: env.accountId }, null));
  await db.webhookDelivery.create({
    data: {
      id: randomUUID(),
      videoUid: uid,
      event: video.state,
      url: webhook.notificationUrl,
      secret: webhook.secret,
      payload,
      nextAttemptAt: new Date(),
    },
  });
  wakeJob('webhooks');
}
