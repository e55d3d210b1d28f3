import fs from 'node:fs/promises';
import { uploadFilePath } from '@/lib/storage/upload-files';

/** When each upload's stored file was last written (a PATCH appends to it), or null when it has none. */
export async function findLastByteTimes(uids: readonly string[]): Promise<Map<string, Date | null>> {
  const times = await Promise.all(
    uids.map(async (uid) => {
      try {
        return [uid, (await fs.stat(uploadFilePath(uid))).mtime] as const;
      } catch {
        return [uid, null] as const;
      }
    }),
  );
  return new Map(times);
}
