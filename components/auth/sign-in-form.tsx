'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { CredentialsFields } from './credentials-fields';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsBusy(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
      });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(
        result?.status === 429
          ? 'Too many failed sign-in attempts. Wait a few minutes, then try again.'
          : result?.error === 'CredentialsSignin'
            ? 'Wrong email or password. Check both and try again.'
            : 'Signing in did not work. Please try again.',
      );
    } catch {
      setError('The server could not be reached. Check your connection and try again.');
    }
    setIsBusy(false);
  };

  return (
    <form onSubmit={onSubmit} className="form">
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      <CredentialsFields errors={{}} isNewPassword={false} />
      <button type="submit" className="button button--primary button--block" disabled={isBusy}>
        Sign in
      </button>
    </form>
  );
}
