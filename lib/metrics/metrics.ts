import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The Prometheus metrics of this process (one registry per instance: Prometheus scrapes
 * each instance and adds them up). The places that count call the small verbs below, one
 * line each. Gauges that describe shared state (queues, disk) are filled when scraped
 * (lib/metrics/serve-metrics.ts).
 */

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    uploadsInFlight: new Gauge({ name: 'upstream_uploads_in_flight', help: 'tus PATCH requests receiving bytes on this instance now', registers }),
    bytesReceived: new Counter({ name: 'upstream_upload_bytes_received_total', help: 'Upload bytes stored by this instance (tus PATCH bodies and other upload paths)', registers }),
    requestDuration: new Histogram({
      name: 'upstream_http_request_duration_seconds',
      help: 'Time from a request arriving to its response finishing, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    mints: new Counter({
      name: 'upstream_upload_mints_total',
      help: 'Upload URL mints (tus creation requests) by channel (session, api) and outcome (created, refused, failed)',
      labelNames: ['channel', 'outcome'] as const,
      registers,
    }),
    processingDuration: new Histogram({
      name: 'upstream_processing_duration_seconds',
      help: 'Time of one processing run of a claimed video, by outcome (ready, error, retry)',
      labelNames: ['outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'upstream_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, failed = given up)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    thumbnailRenders: new Counter({
      name: 'upstream_thumbnail_renders_total',
      help: 'Thumbnail frames rendered with ffmpeg (processing and on-demand), by outcome (ok, error)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'upstream_rate_limit_refusals_total',
      help: 'Requests refused by a rate limit or bound (429/503), by limit name',
      labelNames: ['limit'] as const,
      registers,
    }),
    queueDepth: new Gauge({ name: 'upstream_queue_depth', help: 'Items waiting, by queue (processing, encoding, webhooks, copies); the same on every instance', labelNames: ['queue'] as const, registers }),
    queueOldestAge: new Gauge({ name: 'upstream_queue_oldest_age_seconds', help: 'Age of the oldest waiting item, by queue (0 when empty)', labelNames: ['queue'] as const, registers }),
    uploadDirFreeBytes: new Gauge({ name: 'upstream_upload_dir_free_bytes', help: 'Free bytes in UPLOAD_DIR for the app (statfs, at scrape time)', registers }),
    uploadDirSizeBytes: new Gauge({ name: 'upstream_upload_dir_size_bytes', help: 'Size of the file system holding UPLOAD_DIR (statfs, at scrape time)', registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function getMetrics(): Metrics {
  return processSingleton('metrics', createMetrics);
}

/** A PATCH starts receiving bytes; call the returned function once when it ends. */
export function trackUploadInFlight(): () => void {
  const gauge = getMetrics().uploadsInFlight;
  gauge.inc();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    gauge.dec();
  };
}

export function countBytesReceived(bytes: number): void {
  if (bytes > 0) getMetrics().bytesReceived.inc(bytes);
}

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  getMetrics().requestDuration.observe({ method, route, status: String(status) }, seconds);
}

export function countMint(channel: string, outcome: 'created' | 'refused' | 'failed'): void {
  getMetrics().mints.inc({ channel, outcome });
}

export function observeProcessing(outcome: 'ready' | 'error' | 'retry', seconds: number): void {
  getMetrics().processingDuration.observe({ outcome }, seconds);
}

export function countWebhookDelivery(outcome: 'delivered' | 'retry' | 'failed'): void {
  getMetrics().webhookDeliveries.inc({ outcome });
}

export function countThumbnailRender(outcome: 'ok' | 'error'): void {
  getMetrics().thumbnailRenders.inc({ outcome });
}

/** For the rate limits and render bounds: one call where a request is refused. */
export function countRateLimitRefusal(limit: string): void {
  getMetrics().rateLimitRefusals.inc({ limit });
}

/** tus PATCH requests receiving bytes on this instance now (for the admin system page). */
export function uploadsInFlightHere(): Promise<number> {
  return getMetrics()
    .uploadsInFlight.get()
    .then((m) => m.values[0]?.value ?? 0);
}
