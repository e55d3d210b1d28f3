'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * A navigation link that tells assistive technology which page is the current one: its own
 * path and the pages under it, or (`isExact`) its own path only.
 */
export function NavLink({ href, isExact = false, children }: { href: string; isExact?: boolean; children: ReactNode }) {
  const pathname = usePathname();
  const isCurrent = href === '/' || isExact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} className="site-nav__link" aria-current={isCurrent ? 'page' : undefined}>
      {children}
    </Link>
  );
}
