import fs from 'node:fs/promises';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { wakeJob } from '@/lib/jobs/wake';
import { downloadDir, downloadFile, HLS_MASTER, streamDir } from '@/lib/storage/stream-files';

/**
 * Cloudflare's `POST/GET/DELETE /stream/{uid}/downloads`: `{default: {status, url,
 * percentComplete}}`, or `{}` before a download was asked for.
 */

export type DownloadsJson = { default?: { status: 'inprogress' | 'ready' | 'error'; url: string; percentComplete: number } };

type DownloadColumns = Pick<Video, 'uid' | 'downloadState' | 'downloadPct'>;

export function downloadUrl(baseUrl: string, uid: string): string {
  return `${baseUrl}/stream/${uid}/downloads/default.mp4`;
}

export function presentDownloads(video: DownloadColumns, baseUrl: string): DownloadsJson {
  const status = video.downloadState;
  if (status !== 'inprogress' && status !== 'ready' && status !== 'error') return {};
  const percentComplete = status === 'ready' ? 100 : Math.floor(video.downloadPct * 100) / 100;
  return { default: { status, url: downloadUrl(baseUrl, video.uid), percentComplete } };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

/** Asks for the MP4 download (made in the background); asking again while it exists changes nothing. */
export async function requestDownload(video: Video): Promise<DownloadColumns> {
  if (video.state !== 'ready') {
    throw new AppError('CONFLICT', `The video is not ready yet (state "${video.state}"): ask for its download once it is ready.`);
  }
  if (!(await exists(`${streamDir(video.uid)}/${HLS_MASTER}`))) {
    throw new AppError('CONFLICT', 'The video has no encoded renditions to make a download from.');
  }
  const db = getDb();
  if (video.downloadState === 'inprogress' || (video.downloadState === 'ready' && (await exists(downloadFile(video.uid))))) return video;
  const { count } = await db.video.updateMany({
    where: { uid: video.uid, downloadState: video.downloadState },
    data: { downloadState: 'inprogress', downloadPct: 0, downloadClaimedBy: null, downloadClaimExpiresAt: null },
  });
  if (count > 0) wakeJob('downloads');
  const now = await db.video.findUnique({ where: { uid: video.uid } });
  if (!now) throw new AppError('NOT_FOUND', `No video with the id "${video.uid}".`);
  return now;
}

/** Removes the download (a build in progress is abandoned). False when there was none. */
export async function deleteDownload(video: Video): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid: video.uid, downloadState: { not: null } },
    data: { downloadState: null, downloadPct: 0, downloadClaimedBy: null, downloadClaimExpiresAt: null },
  });
  await fs.rm(downloadDir(video.uid), { recursive: true, force: true });
  return count > 0;
}
