import { getDb } from '@/lib/db/client';
import { readDiskSpace } from './read-disk-space';

/** Bytes held by complete uploads (their originals, as declared) and the disk around UPLOAD_DIR. */
export async function readStorage(): Promise<{ videos: number; originalBytes: number; freeBytes: number | null; totalBytes: number | null }> {
  const [sum, disk] = await Promise.all([
    getDb().video.aggregate({ where: { uploaded: { not: null } }, _count: { _all: true }, _sum: { size: true } }),
    readDiskSpace(),
  ]);
  return { videos: sum._count._all, originalBytes: Number(sum._sum.size ?? 0), freeBytes: disk?.freeBytes ?? null, totalBytes: disk?.totalBytes ?? null };
}
