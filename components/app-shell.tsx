import type { ReactNode } from 'react';
import { getCurrentUser } from '@/lib/auth/current-user';
import { SiteHeader } from './site-header';

/** Header and main landmark of the signed-in pages. Each page checks access itself. */
export async function AppShell({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
