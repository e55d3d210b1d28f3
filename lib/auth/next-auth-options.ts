import { randomUUID } from 'node:crypto';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from './secret';
import { endSession } from './end-session';
import { endAllSessions, verifyCredentials } from './users';

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const cached = new Map<boolean, NextAuthOptions>();

/**
 * next-auth: email + password, JWT sessions. The cookie names the user and the session
 * version it was signed in with, and the session's own id; role, existence, that version and
 * whether this session was signed out are checked against the database on every request
 * (findSessionUser), so a demoted or deleted user, one who signed out everywhere or changed
 * their password, and a copy of a signed-out cookie lose access at once.
 *
 * `secure`: the request came over https (isSecureRequest): cookies are then `Secure`.
 */
export function getAuthOptions(secure = false): NextAuthOptions {
  const hit = cached.get(secure);
  if (hit) return hit;
  getEnv();
  const options: NextAuthOptions = {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secure,
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials) {
          if (!credentials?.email || !credentials.password) return null;
          return verifyCredentials(credentials.email, credentials.password);
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
          token.sid = randomUUID();
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sv, sessionId: token.sid };
      },
    },
    events: {
      /** Sign out ends the session on the server too, not only its cookie in this browser. */
      async signOut({ token }) {
        if (typeof token?.sub !== 'string') return;
        if (typeof token.sid === 'string') {
          const expiresAt = typeof token.exp === 'number' ? new Date(token.exp * 1000) : new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
          await endSession(token.sid, token.sub, expiresAt);
        } else {
          // A session from before sessions had ids cannot be ended alone: end the user's sessions.
          await endAllSessions(token.sub);
        }
      },
    },
  };
  cached.set(secure, options);
  return options;
}
