import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/current-user';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Upstream', template: '%s · Upstream' },
  description: 'Resumable video uploads, reviewed by your team.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#1d4ed8',
};

/** Every page: the header, then one main landmark. Pages check access themselves. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en">
      <body>
        <SiteHeader user={user} />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
