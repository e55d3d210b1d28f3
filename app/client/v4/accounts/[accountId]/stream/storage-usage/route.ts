import { accountRoute } from '@/lib/auth/account-route';
import { visibleOwnerId } from '@/lib/auth/principal';
import { AppError } from '@/lib/errors';
import { envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { storageUsage } from '@/lib/videos/storage-usage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Cloudflare's storage use: videos and minutes stored, for the account or one `creator`. */
export const GET = accountRoute('token-or-session', async ({ request, principal }) => {
  const creator = new URL(request.url).searchParams.get('creator') || undefined;
  if (creator !== undefined && creator.length > 64) throw new AppError('BAD_REQUEST', 'creator must be at most 64 characters.');
  return envelopeResponse(await storageUsage(creator, visibleOwnerId(principal)));
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
