import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import type { Prisma } from '@/lib/generated/prisma/client';
import { GONE_REASONS } from './states';

/**
 * Cloudflare's `GET /stream/storage-usage`: the videos kept (all but cancelled and expired
 * uploads, whose bytes are gone) and their minutes, for the account or one creator.
 * `totalStorageMinutesLimit` is the STORAGE_MINUTES_LIMIT setting (reported, not enforced).
 */

export type StorageUsageJson = { creator: string | null; totalStorageMinutes: number; totalStorageMinutesLimit: number; videoCount: number };

export async function storageUsage(creator: string | undefined, ownerId?: string): Promise<StorageUsageJson> {
  const db = getDb();
  const where: Prisma.VideoWhereInput = {
    creator,
    ownerId,
    NOT: { state: 'error', errorReasonCode: { in: [...GONE_REASONS] } },
  };
  const [videoCount, minutes] = await Promise.all([
    db.video.count({ where }),
    db.video.aggregate({ where: { AND: [where, { duration: { gt: 0 } }] }, _sum: { duration: true } }),
  ]);
  return {
    creator: creator ?? null,
    totalStorageMinutes: Math.round(((minutes._sum.duration ?? 0) / 60) * 100) / 100,
    totalStorageMinutesLimit: getEnv().storageMinutesLimit,
    videoCount,
  };
}
