import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { clientAddress } from '@/lib/http/client-address';
import { assertDiskRoom } from '@/lib/limits/disk-space';
import { consumeLimit } from '@/lib/limits/rate-limiters';
import { formatBytes } from '@/lib/universal/format';
import { GONE_REASONS } from '@/lib/videos/states';

/**
 * Everything that may refuse a new upload before anything is stored, for every way of making
 * one (tus mint, basic upload, upload via link): the rate limit (MINTS_PER_MINUTE per user,
 * per address and per API token), the user's quotas (MAX_PENDING_UPLOADS_PER_USER,
 * MAX_STORED_BYTES_PER_USER; admins and API tokens have none), and the disk guard.
 */

export type MintRequester = {
  /** The signed-in user the upload will belong to. */
  ownerId: string | null;
  /** The API token that asks (API routes). */
  tokenId?: string | null;
  /** The client's address (lib/http/client-address.ts). */
  address?: string;
};

/** The backend behind an API request (a token): the basic upload, the direct upload and the copy mints. */
export function apiRequester(principal: { kind: string; tokenId?: string }, headers: { get(name: string): string | null }): MintRequester {
  return { ownerId: null, tokenId: principal.kind === 'token' ? (principal.tokenId ?? null) : null, address: clientAddress(headers) };
}

const RATE_MESSAGE = 'Too many uploads were started in the last minute.';

async function consumeMintRate(requester: MintRequester): Promise<void> {
  if (requester.tokenId) await consumeLimit('mint', `token:${requester.tokenId}`, RATE_MESSAGE);
  if (requester.ownerId) {
    await consumeLimit('mint', `user:${requester.ownerId}`, RATE_MESSAGE);
    if (requester.address) await consumeLimit('mint', `address:${requester.address}`, RATE_MESSAGE);
  }
}

export type UserUsage = { pendingUploads: number; storedBytes: number };

/** What counts against a user's quotas: uploads still arriving, and the bytes of every video they keep. */
export async function userUsage(ownerId: string): Promise<UserUsage> {
  const db = getDb();
  const [pendingUploads, stored] = await Promise.all([
    db.video.count({ where: { ownerId, state: 'pendingupload' } }),
    db.video.aggregate({
      _sum: { size: true },
      where: { ownerId, NOT: { state: 'error', errorReasonCode: { in: [...GONE_REASONS] } } },
    }),
  ]);
  return { pendingUploads, storedBytes: Number(stored._sum.size ?? 0) };
}

async function assertQuotas(ownerId: string, size: number): Promise<void> {
  const { limits } = getEnv();
  if (limits.maxPendingUploadsPerUser === 0 && limits.maxStoredBytesPerUser === 0) return;
  const owner = await getDb().user.findUnique({ where: { id: ownerId }, select: { role: true } });
  if (!owner || owner.role === 'admin') return;
  const usage = await userUsage(ownerId);
  if (limits.maxPendingUploadsPerUser > 0 && usage.pendingUploads >= limits.maxPendingUploadsPerUser) {
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `You already have ${usage.pendingUploads} uploads in progress, the most allowed at once (MAX_PENDING_UPLOADS_PER_USER = ${limits.maxPendingUploadsPerUser}). ` +
        'Finish or cancel one, then try again.',
      { 'Retry-After': '60' },
    );
  }
  if (limits.maxStoredBytesPerUser > 0 && usage.storedBytes + size > limits.maxStoredBytesPerUser) {
    throw new AppError(
      'FORBIDDEN',
      `This upload would take your storage past its quota: you use ${formatBytes(usage.storedBytes)} of ${formatBytes(limits.maxStoredBytesPerUser)} ` +
        `(MAX_STORED_BYTES_PER_USER), and the file is ${formatBytes(size)}. Delete videos you no longer need, or ask an admin for more room.`,
    );
  }
}

/** Throws the refusal (429, 403 or 507, with a message naming the limit); nothing has been stored yet. */
export async function checkMintAllowed(requester: MintRequester, size: number): Promise<void> {
  await consumeMintRate(requester);
  if (requester.ownerId) await assertQuotas(requester.ownerId, size);
  await assertDiskRoom(size);
}
