import { createHmac } from 'node:crypto';

/** Cloudflare's `Webhook-Signature: time=<unix seconds>,sig1=<hex HMAC-SHA256 over "<time>.<body>">`. */
export function signWebhook(secret: string, body: string, time = Math.floor(Date.now() / 1000)): string {
  const sig = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${time}.${body}`).digest('hex');
  return `time=${time},sig1=${sig}`;
}
