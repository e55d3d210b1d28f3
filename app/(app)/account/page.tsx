import type { Metadata } from 'next';
import { SignOutEverywhere } from '@/components/account/sign-out-everywhere';
import { SignOutButton } from '@/components/sign-out-button';
import { requireUser } from '@/lib/auth/current-user';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await requireUser('/account');
  return (
    <>
      <h1>Account</h1>
      <p>
        Signed in as <strong>{user.email}</strong>
        {user.role === 'admin' ? ' (an admin)' : ''}.
      </p>
      <p>
        <SignOutButton />
      </p>
      <h2>Sessions</h2>
      <p>Signed in on a device you no longer use? End every session of this account, on every device, this one too.</p>
      <SignOutEverywhere />
    </>
  );
}
