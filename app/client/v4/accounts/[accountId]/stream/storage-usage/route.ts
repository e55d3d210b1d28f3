import { authenticate, visibleOwnerId } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { apiRoute, assertAccount, envelopeResponse, methodNotAllowed } from '@/lib/http/envelope';
import { storageUsage } from '@/lib/videos/storage-usage';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ accountId: string }> };

/** Cloudflare's storage use: videos and minutes stored, for the account or one `creator`. */
export const GET = apiRoute(async (request: Request, { params }: Context) => {
  const principal = await authenticate(request);
  assertAccount((await params).accountId, getEnv().accountId);
  const creator = new URL(request.url).searchParams.get('creator') || undefined;
  if (creator !== undefined && creator.length > 64) throw new AppError('BAD_REQUEST', 'creator must be at most 64 characters.');
  return envelopeResponse(await storageUsage(creator, visibleOwnerId(principal)));
});

export const { POST, PUT, PATCH, DELETE } = methodNotAllowed('GET');
