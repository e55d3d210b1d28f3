'use client';

import { useState } from 'react';

/**
 * Signs out through next-auth's documented REST API (a CSRF token from /api/auth/csrf, then a
 * POST to /api/auth/signout) rather than next-auth/react, which would add ~12 KB of gzipped
 * JavaScript to every page for this one button.
 */
async function signOut(): Promise<void> {
  const { csrfToken } = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken: string };
  await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, json: 'true' }),
  });
}

export function SignOutButton() {
  const [isSigningOut, setIsSigningOut] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        disabled={isSigningOut}
        onClick={async () => {
          setIsSigningOut(true);
          setFailed(false);
          try {
            await signOut();
            // A full load: nothing of the signed-in pages stays in the router's cache.
            window.location.replace('/sign-in');
          } catch {
            setFailed(true);
            setIsSigningOut(false);
          }
        }}
      >
        Sign out
      </button>
      {failed && (
        <span role="alert" className="site-header__error">
          Could not sign out: the server did not answer.
        </span>
      )}
    </>
  );
}
