import type { Metadata } from 'next';
import { Uploader } from '@/components/uploader/uploader';
import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Upload' };

export default async function UploadPage() {
  const user = await requireUser('/');
  const env = getEnv();
  return (
    <>
      <h1>Upload videos</h1>
      <Uploader maxUploadBytes={env.maxUploadBytes} maxDurationSeconds={env.defaultMaxDurationSeconds} userId={user.id} accountId={env.accountId} />
    </>
  );
}
