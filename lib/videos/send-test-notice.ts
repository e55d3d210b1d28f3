import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { backgroundOrigin, instanceId } from '@/lib/instance';
import { deliverWebhook } from '@/lib/webhooks/deliver-webhooks';
import { presentVideo } from './present-video';

export type TestNoticeOutcome = {
  /** The receiver's HTTP status; null when it could not be reached or did not answer in time. */
  status: number | null;
  /** Why it failed, in words; null when the receiver answered 2xx. */
  error: string | null;
  /** The video the notice described, if the catalog had one. */
  video: { uid: string; name: string } | null;
};

/** The notice sent when the catalog has no finished video: a VIDEO of that shape with an all-zero uid. */
function sampleVideo(origin: string) {
  const uid = '0'.repeat(32);
  const now = new Date().toISOString();
  return {
    uid,
    creator: null,
    meta: { name: 'Upstream test notice' },
    created: now,
    modified: now,
    uploaded: now,
    duration: 5,
    input: { width: 320, height: 240 },
    size: 0,
    status: { state: 'ready', pctComplete: '100.000000', errorReasonCode: '', errorReasonText: '' },
    readyToStream: true,
    readyToStreamAt: now,
    thumbnail: `${origin}/stream/${uid}/thumbnails/thumbnail.jpg`,
    playback: { hls: `${origin}/stream/${uid}/manifest/video.m3u8`, dash: `${origin}/stream/${uid}/manifest/video.mpd` },
  };
}

/**
 * "Send a test notice" on the webhook settings page: POSTs the newest finished video's VIDEO
 * JSON (or a sample when there is none), signed like every notice, to the webhook now, and
 * waits for the answer. It is stored in the webhook log like any delivery (event `test`) and
 * tried once: the admin sees its outcome at once, so a failure is not retried in the background.
 */
export async function sendTestNotice(accountId: string): Promise<TestNoticeOutcome> {
  const db = getDb();
  const env = getEnv();
  const webhook = await db.webhook.findUnique({ where: { accountId } });
  if (!webhook) throw new AppError('CONFLICT', 'No webhook is set: save a notification URL first, then send a test notice.');
  const video = await db.video.findFirst({ where: { state: { in: ['ready', 'error'] } }, orderBy: { created: 'desc' } });
  const origin = backgroundOrigin();
  const payload = JSON.stringify(video ? presentVideo(video, { baseUrl: origin, accountId }, null) : sampleVideo(origin));
  const owner = instanceId();
  const now = new Date();
  // Created already claimed by this process, so the background worker never sends it too.
  const delivery = await db.webhookDelivery.create({
    data: {
      id: randomUUID(),
      videoUid: video?.uid ?? null,
      event: 'test',
      url: webhook.notificationUrl,
      secret: webhook.secret,
      payload,
      nextAttemptAt: now,
      claimedBy: owner,
      claimExpiresAt: new Date(now.getTime() + env.webhookTimeoutMs + 30_000),
    },
  });
  const { status, error } = await deliverWebhook(delivery, owner);
  return { status, error, video: video ? { uid: video.uid, name: video.name } : null };
}
