import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors';
import { sendError } from '@/lib/http/error-response';
import { sendFile } from '@/lib/http/send-file';
import { authorizePlayback } from '@/lib/playback/access';
import { playbackRequestFromNode } from '@/lib/playback/playback-request';
import { downloadFile } from '@/lib/storage/stream-files';

/** `GET|HEAD /stream/{uid or token}/downloads/default.mp4`, served by server.ts on Node's own response. */
export const DOWNLOAD_PATH = /^\/stream\/([^/]+)\/downloads\/default\.mp4$/;

const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Content-Disposition, ETag' };

/** A file name for Content-Disposition: the video's name with `.mp4`, quoted safely for old and new clients. */
function disposition(name: string): string {
  const base = (name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'video').slice(0, 150);
  const ascii = base.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}.mp4"; filename*=UTF-8''${encodeURIComponent(`${base}.mp4`)}`;
}

export async function handleDownloadRequest(req: IncomingMessage, res: ServerResponse, idOrToken: string): Promise<void> {
  try {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS', 'Access-Control-Allow-Headers': 'Range', 'Access-Control-Max-Age': '86400' }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError('METHOD_NOT_ALLOWED', 'A download takes GET or HEAD.', { Allow: 'GET, HEAD, OPTIONS' });
    const { video } = await authorizePlayback(playbackRequestFromNode(req, idOrToken, 'download'));
    const file = downloadFile(video.uid);
    const stat = video.downloadState === 'ready' ? await fs.stat(file).catch(() => null) : null;
    if (!stat) {
      throw new AppError(
        'NOT_FOUND',
        video.downloadState === 'inprogress' ? 'The download is still being made: try again shortly.' : 'This video has no MP4 download: create one with POST /stream/{uid}/downloads.',
      );
    }
    await sendFile(req, res, {
      path: file,
      size: stat.size,
      contentType: 'video/mp4',
      etag: `"${video.uid}-${stat.mtimeMs.toString(36)}-${stat.size.toString(36)}"`,
      headers: { ...CORS, 'Content-Disposition': disposition(video.name), 'Cache-Control': video.requireSignedURLs ? 'private, max-age=3600' : 'public, max-age=3600' },
    });
  } catch (error) {
    if (!res.headersSent) for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
    sendError(res, error);
  }
}
