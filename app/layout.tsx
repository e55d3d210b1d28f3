import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/current-user';
import { PLAYER_PAGE_HEADER } from '@/lib/playback/player-page-headers';
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

/**
 * Every page: the header, then one main landmark. Pages check access themselves. The public
 * player pages (watch, iframe: server.ts's gate marks them) have no app chrome and read no session.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const playerPage = (await headers()).get(PLAYER_PAGE_HEADER);
  if (playerPage) {
    return (
      <html lang="en">
        <body className={playerPage === 'iframe' ? 'bare bare--embed' : 'bare'}>
          <main id="main" className="bare-page" tabIndex={-1}>
            {children}
          </main>
        </body>
      </html>
    );
  }
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
