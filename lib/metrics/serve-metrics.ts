import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { sendError } from '@/lib/http/error-response';
import { readDiskSpace } from '@/lib/system/read-disk-space';
import { readQueues } from '@/lib/system/read-queues';
import { getMetrics } from './metrics';

/**
 * `GET /metrics`: this instance's metrics in Prometheus' text format. Off (404) unless
 * METRICS_TOKEN is set; then only for `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise,
 * compared in constant time). Queue depths and free disk space are read at scrape time.
 */

export const METRICS_PATH = '/metrics';

function sameSecret(given: string, expected: string): boolean {
  // Hashing first makes the comparison constant-time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function checkAccess(req: IncomingMessage): void {
  const expected = getEnv().metricsToken;
  if (!expected) throw new AppError('NOT_FOUND', 'Metrics are off: set METRICS_TOKEN to serve them at /metrics.');
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match || !sameSecret(match[1]!, expected)) {
    throw new AppError('UNAUTHENTICATED', 'Metrics need "Authorization: Bearer <METRICS_TOKEN>".', { 'WWW-Authenticate': 'Bearer realm="metrics"' });
  }
}

async function updateScrapeGauges(): Promise<void> {
  const metrics = getMetrics();
  const [queues, disk] = await Promise.all([readQueues(), readDiskSpace()]);
  const now = Date.now();
  for (const queue of queues) {
    metrics.queueDepth.set({ queue: queue.name }, queue.depth);
    metrics.queueOldestAge.set({ queue: queue.name }, queue.oldest ? Math.max(0, (now - queue.oldest.getTime()) / 1000) : 0);
  }
  if (disk) {
    metrics.uploadDirFreeBytes.set(disk.freeBytes);
    metrics.uploadDirSizeBytes.set(disk.totalBytes);
  }
}

export async function handleMetricsRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('METHOD_NOT_ALLOWED', '/metrics answers GET.', { Allow: 'GET, HEAD' });
    checkAccess(req);
    await updateScrapeGauges().catch((error: unknown) => log.warn({ err: error }, 'Metrics: the queue and disk gauges could not be read'));
    const { registry } = getMetrics();
    const body = await registry.metrics();
    res.writeHead(200, { 'Content-Type': registry.contentType, 'Content-Length': String(Buffer.byteLength(body)), 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch (error) {
    sendError(res, error);
  }
}
