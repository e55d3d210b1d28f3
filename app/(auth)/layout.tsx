import Link from 'next/link';
import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="brand">
            Upstream
          </Link>
        </div>
      </header>
      <main id="main" className="page page--narrow">
        {children}
      </main>
    </>
  );
}
