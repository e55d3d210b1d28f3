import { AppError } from '@/lib/errors';

const EXAMPLE = 'https://example.com/webhooks/stream';

/**
 * The one rule for a webhook's notification URL, shared by Cloudflare's `PUT /stream/webhook`
 * and the admin's settings form: an absolute http(s) URL of at most 2048 characters. Plain http
 * and loopback are allowed, since only an admin (or an API token) sets it. Answers the URL in
 * its normal form (`new URL(...).toString()`).
 */
export function parseNotificationUrl(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new AppError('BAD_REQUEST', `Give the notification URL, such as ${EXAMPLE}.`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('BAD_REQUEST', `The notification URL "${value.trim().slice(0, 200)}" is not a full URL: write it like ${EXAMPLE}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('BAD_REQUEST', `The notification URL must start with http:// or https:// (not ${url.protocol.slice(0, 20)}//).`);
  }
  if (url.username || url.password) {
    throw new AppError('BAD_REQUEST', 'The notification URL must not hold a user name or password: the receiver checks the signature instead.');
  }
  const normal = url.toString();
  if (normal.length > 2048) throw new AppError('BAD_REQUEST', 'The notification URL is longer than 2048 characters.');
  return normal;
}
