import type { Env } from '@/lib/env';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

type HeaderSource = { get(name: string): string | null };

/**
 * The origin that links handed to clients start with: PUBLIC_URL when set, else the
 * request's own origin. X-Forwarded-Proto/-Host count only with TRUST_PROXY=1.
 */
export function publicOrigin(headers: HeaderSource, env: Pick<Env, 'publicUrl' | 'trustProxy'>): string {
  if (env.publicUrl) return env.publicUrl;
  const first = (value: string | null) => value?.split(',')[0]?.trim() || null;
  const forwardedProto = env.trustProxy ? first(headers.get('x-forwarded-proto')) : null;
  const forwardedHost = env.trustProxy ? first(headers.get('x-forwarded-host')) : null;
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'http';
  const host = forwardedHost ?? headers.get('host');
  return `${proto}://${host && HOST.test(host) ? host : 'localhost'}`;
}
