import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { safeCallbackUrl } from '@/lib/universal/callback-url';

export const metadata: Metadata = { title: 'Create an account' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const signInHref = callbackUrl === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  if (!getEnv().allowSignup) {
    return (
      <div className="card">
        <h1>Create an account</h1>
        <p>Sign-up is turned off on this server. Ask an admin for an account.</p>
        <p className="card__footer">
          <Link href={signInHref}>Sign in</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="card">
      <h1>Create an account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      <p className="card__footer">
        Already have an account? <Link href={signInHref}>Sign in</Link>
      </p>
    </div>
  );
}
