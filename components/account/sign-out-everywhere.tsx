'use client';

import { useState } from 'react';

/** Ends every session of this account (a lost phone, a shared computer), then goes to sign-in. */
export function SignOutEverywhere() {
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      {problem && (
        <p role="alert" className="form__error">
          {problem}
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={isBusy}
        onClick={async () => {
          setIsBusy(true);
          setProblem(null);
          try {
            const response = await fetch('/api/account/sign-out-everywhere', { method: 'POST' });
            if (!response.ok) throw new Error(String(response.status));
            window.location.replace('/sign-in');
          } catch {
            setProblem('Could not sign out everywhere: the server did not answer. Please try again.');
            setIsBusy(false);
          }
        }}
      >
        Sign out everywhere
      </button>
    </>
  );
}
