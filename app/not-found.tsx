import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/current-user';

export default async function NotFound() {
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader user={user} />
    <main id="main" className="page page--narrow">
      <h1>Not found</h1>
      <p>There is nothing here, or it is not yours to see.</p>
      <p>
        <Link href="/videos">Go to my videos</Link>
      </p>
    </main>
    </>
  );
}
