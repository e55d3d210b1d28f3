import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from './secret';
import { verifyCredentials } from './users';

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

const cached = new Map<boolean, NextAuthOptions>();

/**
 * next-auth: email + password, JWT sessions. The cookie names the user and the session
 * version it was signed in with; role, existence and that version are checked against the
 * database on every request (findSessionUser), so a demoted or deleted user, or one who signed
 * out everywhere or changed their password, loses access at once.
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
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sessionVersion: token.sv };
      },
    },
  };
  cached.set(secure, options);
  return options;
}
