'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [isSigningOut, setIsSigningOut] = useState(false);
  return (
    <button
      type="button"
      className="button button--quiet"
      disabled={isSigningOut}
      onClick={async () => {
        setIsSigningOut(true);
        await signOut({ redirect: false });
        // A full load: nothing of the signed-in pages stays in the router's cache.
        window.location.replace('/sign-in');
      }}
    >
      Sign out
    </button>
  );
}
