import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import type { WebhookDelivery } from '@/lib/generated/prisma/client';
import { instanceId } from '@/lib/instance';
import { startClaimLoop } from '@/lib/jobs/claim-loop';
import { log } from '@/lib/log/logger';
import { countWebhookDelivery } from '@/lib/metrics/metrics';
import { signWebhook } from './sign-webhook';

/**
 * Sends queued webhook notices: POST the bare VIDEO JSON, signed. A receiver that fails
 * (non-2xx, unreachable, too slow) is tried again with exponential backoff, at most
 * WEBHOOK_MAX_ATTEMPTS times. Every attempt is stored (the admin page shows them) and logged.
 */

const POLL_MS = 1_000;

function claimable(now: Date) {
  return { state: 'pending', nextAttemptAt: { lte: now }, OR: [{ claimExpiresAt: null }, { claimExpiresAt: { lt: now } }] };
}

async function claimNextDelivery(owner: string): Promise<WebhookDelivery | null> {
  const db = getDb();
  const now = new Date();
  const candidates = await db.webhookDelivery.findMany({ where: claimable(now), orderBy: { nextAttemptAt: 'asc' }, select: { id: true }, take: 5 });
  for (const { id } of candidates) {
    const lease = new Date(now.getTime() + getEnv().webhookTimeoutMs + 30_000);
    const { count } = await db.webhookDelivery.updateMany({ where: { id, ...claimable(now) }, data: { claimedBy: owner, claimExpiresAt: lease } });
    if (count > 0) return db.webhookDelivery.findUnique({ where: { id } });
  }
  return null;
}

async function post(delivery: WebhookDelivery): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Upstream-Webhooks/1',
        'Webhook-Signature': signWebhook(delivery.secret, delivery.payload),
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(getEnv().webhookTimeoutMs),
    });
    await res.body?.cancel().catch(() => {});
    return { status: res.status, error: res.ok ? null : `The receiver answered ${res.status}.` };
  } catch (error) {
    return { status: null, error: unreachable(error) };
  }
}

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: 'nothing accepts connections at that address (connection refused).',
  ENOTFOUND: 'no such host name.',
  EAI_AGAIN: 'its host name could not be looked up just now.',
  ECONNRESET: 'the connection was cut before it answered.',
  EHOSTUNREACH: 'its host cannot be reached from this server.',
  ENETUNREACH: 'its network cannot be reached from this server.',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired.',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed.',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name.',
};

/** Why fetch failed, in words: undici's own message is only "fetch failed"; the reason is in its cause's code. */
function unreachable(error: unknown): string {
  if ((error as Error).name === 'TimeoutError') return 'The receiver did not answer in time.';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const reason = (cause?.code && NETWORK_ERRORS[cause.code]) || `${(cause?.message ?? (error as Error).message).slice(0, 200)}.`;
  return `Could not reach the receiver: ${reason}`;
}

export type DeliveryOutcome = { status: number | null; error: string | null };

/**
 * One attempt at a claimed delivery, stored and logged. A test notice (event `test`, sent from
 * the settings page while the admin waits) is tried once: its outcome is shown at once instead.
 */
export async function deliverWebhook(delivery: WebhookDelivery, owner: string): Promise<DeliveryOutcome> {
  const db = getDb();
  const env = getEnv();
  const attempt = delivery.attemptCount + 1;
  const started = Date.now();
  const { status, error } = await post(delivery);
  const isDelivered = error === null;
  const isLast = !isDelivered && (attempt >= env.webhookMaxAttempts || delivery.event === 'test');
  const retryIn = env.webhookRetryBaseMs * 2 ** (attempt - 1);
  await db.webhookAttempt.create({ data: { id: randomUUID(), deliveryId: delivery.id, attempt, status, error, durationMs: Date.now() - started } });
  await db.webhookDelivery.updateMany({
    where: { id: delivery.id, claimedBy: owner },
    data: {
      attemptCount: attempt,
      state: isDelivered ? 'delivered' : isLast ? 'failed' : 'pending',
      nextAttemptAt: new Date(Date.now() + (isDelivered || isLast ? 0 : retryIn)),
      claimedBy: null,
      claimExpiresAt: null,
    },
  });
  const outcome = isDelivered ? `delivered (${status})` : isLast ? `failed for good: ${error}` : `failed: ${error} Next try in ${Math.round(retryIn / 1000)} s.`;
  countWebhookDelivery(isDelivered ? 'delivered' : isLast ? 'failed' : 'retry');
  // The receiver's origin only: a webhook URL's path or query may hold the receiver's own secret.
  const fields = { uid: delivery.videoUid, job: 'webhooks', event: isDelivered ? 'done' : 'failed', delivery: delivery.id, attempt, status, receiver: receiverOrigin(delivery.url) };
  (isDelivered ? log.info : log.warn)(fields, `Webhook ${delivery.event} notice for ${delivery.videoUid ?? 'no video'} to ${fields.receiver}, attempt ${attempt}: ${outcome}`);
  return { status, error };
}

function receiverOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(an invalid URL)';
  }
}

export function startWebhookWorker(): () => void {
  const owner = instanceId();
  return startClaimLoop({
    name: 'webhooks',
    pollMs: POLL_MS,
    concurrency: 4,
    claim: () => claimNextDelivery(owner),
    run: async (delivery) => void (await deliverWebhook(delivery, owner)),
  });
}
