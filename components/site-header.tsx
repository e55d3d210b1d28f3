import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/users';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

/** The bar on every signed-in page: where to go, who is signed in, and the way out. */
export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <div className="site-header__inner">
        <Link href="/" className="brand">
          Upstream
        </Link>
        {user && (
          <nav aria-label="Main" className="site-nav">
            <NavLink href="/">Upload</NavLink>
            {/* An admin's video pages are often someone else's: "My videos" is current on the list only. */}
            <NavLink href="/videos" isExact={user.role === 'admin'}>
              My videos
            </NavLink>
            {user.role === 'admin' && <NavLink href="/admin">Admin</NavLink>}
          </nav>
        )}
        {user && (
          <div className="site-header__account">
            {/* "Account" on every screen; the address beside it where there is room (the account page names it on a phone). */}
            <Link href="/account" className="site-header__account-link">
              Account <span className="site-header__email">{user.email}</span>
            </Link>
            <SignOutButton />
          </div>
        )}
      </div>
    </header>
  );
}
