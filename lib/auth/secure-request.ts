import type { Env } from '@/lib/env';

type HeaderSource = { get(name: string): string | null };

/**
 * Whether the browser reached us over https: PUBLIC_URL says so, or (TRUST_PROXY=1) the TLS
 * proxy in front does in X-Forwarded-Proto. server.ts drops that header from untrusted clients.
 * Session cookies are `Secure` (and `__Secure-` named) exactly then.
 */
export function isSecureRequest(headers: HeaderSource, env: Pick<Env, 'publicUrl' | 'trustProxy'>): boolean {
  if (env.publicUrl) return env.publicUrl.startsWith('https://');
  if (!env.trustProxy) return false;
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
