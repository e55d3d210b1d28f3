import { getToken } from 'next-auth/jwt';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from './secret';

/** The user id in a request's next-auth session cookie, for code that runs outside Next's router. */
export async function userIdFromCookies(cookieHeader: string | undefined): Promise<string | null> {
  const cookies = new Map<string, string>();
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie that is not URL-encoded is not ours.
    }
  }
  const token = await getToken({
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: getAuthSecret(),
    secureCookie: getEnv().publicUrl?.startsWith('https://') ?? false,
  });
  return typeof token?.sub === 'string' ? token.sub : null;
}
