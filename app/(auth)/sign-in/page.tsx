import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { safeCallbackUrl } from '@/lib/universal/callback-url';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const { allowSignup } = getEnv();
  return (
    <div className="card">
      <h1>Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
      {allowSignup && (
        <p className="card__footer">
          New here?{' '}
          <Link href={callbackUrl === '/' ? '/sign-up' : `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
        </p>
      )}
    </div>
  );
}
