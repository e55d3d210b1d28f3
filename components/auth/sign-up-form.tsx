'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { accountSchema } from '@/lib/validations/account';
import { CredentialsFields, type FieldErrors } from './credentials-fields';

async function readMessage(response: Response): Promise<string | null> {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] };
    return body.errors?.[0]?.message ?? null;
  } catch {
    return null;
  }
}

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = accountSchema.safeParse({ email: form.get('email'), password: form.get('password') });
    setError(null);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'email' || field === 'password') && !errors[field]) errors[field] = issue.message;
      }
      setFieldErrors(errors);
      setError('Please correct the fields below.');
      return;
    }
    setFieldErrors({});
    setIsBusy(true);
    try {
      const response = await fetch('/api/sign-up', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(parsed.data),
      });
      if (response.status !== 201) {
        setError((await readMessage(response)) ?? 'The account could not be created. Please try again.');
        setIsBusy(false);
        return;
      }
      const result = await signIn('credentials', { redirect: false, ...parsed.data });
      window.location.assign(result?.ok && !result.error ? callbackUrl : '/sign-in');
    } catch {
      setError('The server could not be reached. Check your connection and try again.');
      setIsBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      <CredentialsFields errors={fieldErrors} isNewPassword />
      <button type="submit" className="button button--primary button--block" disabled={isBusy}>
        Create account
      </button>
    </form>
  );
}
