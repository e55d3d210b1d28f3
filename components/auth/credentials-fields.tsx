'use client';

import { useId } from 'react';

export type FieldErrors = { email?: string; password?: string };

/** Email and password, labelled, with their errors tied to them for screen readers. */
export function CredentialsFields({ errors, isNewPassword }: { errors: FieldErrors; isNewPassword: boolean }) {
  const id = useId();
  const emailError = `${id}-email-error`;
  const passwordHint = `${id}-password-hint`;
  const passwordError = `${id}-password-error`;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? emailError : undefined}
        />
        {errors.email && (
          <p id={emailError} className="field__error">
            {errors.email}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete={isNewPassword ? 'new-password' : 'current-password'}
          required
          minLength={isNewPassword ? 8 : undefined}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={[isNewPassword ? passwordHint : '', errors.password ? passwordError : ''].filter(Boolean).join(' ') || undefined}
        />
        {isNewPassword && (
          <p id={passwordHint} className="field__hint">
            At least 8 characters.
          </p>
        )}
        {errors.password && (
          <p id={passwordError} className="field__error">
            {errors.password}
          </p>
        )}
      </div>
    </>
  );
}
