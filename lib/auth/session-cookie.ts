import { getToken } from 'next-auth/jwt';
import { getAuthSecret } from './secret';
import { findSessionUser, type SessionUser } from './users';

/**
 * The user of a request's next-auth session cookie, for code that runs outside Next's router;
 * null when there is none or the session was ended (see findSessionUser). `secure`: the
 * request came over https (isSecureRequest), so the cookie has its `__Secure-` name.
 */
export async function sessionUserFromCookies(cookieHeader: string | undefined, secure = false): Promise<SessionUser | null> {
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
    secureCookie: secure,
  });
  return typeof token?.sub === 'string' ? findSessionUser(token.sub, token.sv, token.sid) : null;
}
