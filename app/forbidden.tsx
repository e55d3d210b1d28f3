import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/current-user';

export default async function Forbidden() {
  const user = await getCurrentUser();
  return (
    <>
      <SiteHeader user={user} />
    <main id="main" className="page page--narrow">
      <h1>Forbidden (403)</h1>
      <p>This page is for admins only. You are signed in, but your account is not an admin account.</p>
      <p>
        <Link href="/">Go to the uploader</Link>
      </p>
    </main>
    </>
  );
}
