import type { IncomingMessage } from 'node:http';
import { AppError } from '@/lib/errors';
import { findApiToken } from './api-tokens';
import { getEnv } from '@/lib/env';
import { sessionUserFromCookies } from './session-cookie';
import { getSessionUser } from './session';
import { isSecureRequest } from './secure-request';
import type { SessionUser } from './users';

/** Who is calling: an API token (the whole account) or a signed-in user. */
export type Principal = { kind: 'token'; tokenId: string; name: string } | { kind: 'user'; user: SessionUser };

const NOT_SIGNED_IN = 'You are not signed in, or your session has expired. Sign in and try again.';

async function principalFromAuthorization(header: string): Promise<Principal> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'Missing API token: send "Authorization: Bearer <token>".');
  const token = await findApiToken(match[1]);
  if (!token) throw new AppError('UNAUTHENTICATED', 'Invalid or revoked API token.');
  return { kind: 'token', tokenId: token.id, name: token.name };
}

export async function authenticateToken(request: Request): Promise<Principal> {
  return principalFromAuthorization(request.headers.get('authorization') ?? '');
}

export async function authenticateSession(): Promise<Principal> {
  const user = await getSessionUser();
  if (!user) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN);
  return { kind: 'user', user };
}

/** API token when an Authorization header is present, else the session cookie. */
export async function authenticate(request: Request): Promise<Principal> {
  const authorization = request.headers.get('authorization');
  return authorization !== null ? principalFromAuthorization(authorization) : authenticateSession();
}

/** The same, for requests served outside Next's router (server.ts). */
export async function authenticateNodeRequest(req: IncomingMessage): Promise<Principal> {
  if (req.headers.authorization !== undefined) return principalFromAuthorization(req.headers.authorization);
  const forwardedProto = req.headers['x-forwarded-proto'];
  const secure = isSecureRequest({ get: (name) => (name === 'x-forwarded-proto' && typeof forwardedProto === 'string' ? forwardedProto : null) }, getEnv());
  const user = await sessionUserFromCookies(req.headers.cookie, secure);
  if (!user) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN);
  return { kind: 'user', user };
}

export function isAdminOrToken(principal: Principal): boolean {
  return principal.kind === 'token' || principal.user.role === 'admin';
}

/** The owner filter a principal may see: undefined = every video. */
export function visibleOwnerId(principal: Principal): string | undefined {
  return principal.kind === 'user' && principal.user.role !== 'admin' ? principal.user.id : undefined;
}
