import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { uploadFilePath } from '@/lib/storage/upload-files';

export type UploadInFlight = { uid: string; name: string; size: number; received: number; lastActivity: Date | null; created: Date; uploadExpiry: Date };

/**
 * Uploads begun and not complete whose URL still holds (on every instance: the catalog and
 * the shared upload folder), most recently active first, with the bytes received so far.
 */
export async function readUploadsInFlight(limit = 20, now = new Date()): Promise<{ total: number; uploads: UploadInFlight[] }> {
  const where = { state: 'pendingupload', uploadExpiry: { gt: now } };
  const db = getDb();
  const [total, rows] = await Promise.all([
    db.video.count({ where }),
    db.video.findMany({ where, orderBy: { created: 'desc' }, take: 200, select: { uid: true, name: true, size: true, created: true, uploadExpiry: true } }),
  ]);
  const uploads = await Promise.all(
    rows.map(async (row) => {
      const stat = await fs.stat(uploadFilePath(row.uid)).catch(() => null);
      return { ...row, size: Number(row.size), received: stat?.size ?? 0, lastActivity: stat && stat.size > 0 ? stat.mtime : null };
    }),
  );
  uploads.sort((a, b) => (b.lastActivity ?? b.created).getTime() - (a.lastActivity ?? a.created).getTime());
  return { total, uploads: uploads.slice(0, limit) };
}
