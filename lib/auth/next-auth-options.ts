import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { getAuthSecret } from './secret';
import { verifyCredentials } from './users';

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

let cached: NextAuthOptions | undefined;

/**
 * next-auth: email + password, JWT sessions. The cookie only names the user; role and
 * existence are read from the database on every request (getSessionUser), so a demoted or
 * deleted user loses access at once.
 */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    secret: getAuthSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env.publicUrl?.startsWith('https://') ?? false,
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
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
  return cached;
}
