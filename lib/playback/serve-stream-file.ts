import fs from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors';
import { sendError } from '@/lib/http/error-response';
import { sendFile } from '@/lib/http/send-file';
import { streamFilePath } from '@/lib/storage/stream-files';
import { authorizePlayback } from './access';
import { playbackRequestFromNode } from './playback-request';

/**
 * `GET/HEAD /stream/{idOrToken}/manifest/<file>`, served by server.ts on Node's own
 * request and response: the HLS master `video.m3u8`, the DASH `video.mpd`, the media
 * playlists and the CMAF segments they name (relative names, so with a token in place of
 * the uid every file is reached through the token). No credentials beyond what
 * `authorizePlayback` asks; any origin may read them (players on other sites); `Range` works.
 */

export const STREAM_PATH = /^\/stream\/([^/]+)\/manifest\/([^/]+)$/;

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};
const MANIFEST_CACHE = 'public, max-age=10';
const SEGMENT_CACHE = 'public, max-age=31536000, immutable';

type Kind = { contentType: string; isManifest: boolean };

/** What a file of the stream folder is, by the names encode-args.ts gives them. */
function kindOf(name: string, audioRepresentation: number | null): Kind | null {
  if (name.endsWith('.m3u8')) return { contentType: 'application/vnd.apple.mpegurl', isManifest: true };
  if (name.endsWith('.mpd')) return { contentType: 'application/dash+xml', isManifest: true };
  const segment = /^(?:init|seg)-(\d+)(?:-\d+)?\.m4s$/.exec(name);
  if (segment) return { contentType: Number(segment[1]) === audioRepresentation ? 'audio/mp4' : 'video/mp4', isManifest: false };
  return null;
}

/** The audio representation comes after the video ones (see encode-args.ts). */
function audioRepresentationOf(video: { renditions: string | null; audioCodec: string | null }): number | null {
  if (!video.audioCodec || !video.renditions) return null;
  try {
    const renditions: unknown = JSON.parse(video.renditions);
    return Array.isArray(renditions) ? renditions.length : null;
  } catch {
    return null;
  }
}

function preflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    ...CORS,
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Range',
    'Access-Control-Max-Age': '86400',
    'Content-Length': '0',
  });
  res.end();
}

export async function handleStreamRequest(req: IncomingMessage, res: ServerResponse, idOrToken: string, name: string): Promise<void> {
  for (const [header, value] of Object.entries(CORS)) res.setHeader(header, value);
  try {
    if (req.method === 'OPTIONS') return preflight(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new AppError('METHOD_NOT_ALLOWED', 'Manifests and segments take GET or HEAD.', { Allow: 'GET, HEAD, OPTIONS' });
    }
    let fileName: string;
    try {
      fileName = decodeURIComponent(name);
    } catch {
      throw new AppError('NOT_FOUND', 'No such file in this stream.');
    }
    const isManifestName = fileName.endsWith('.m3u8') || fileName.endsWith('.mpd');
    const { video, viaToken } = await authorizePlayback(playbackRequestFromNode(req, idOrToken, isManifestName ? 'manifest' : 'segment'));
    if (video.state !== 'ready') throw new AppError('NOT_FOUND', 'This video has no stream yet: it is not ready.');
    const kind = kindOf(fileName, audioRepresentationOf(video));
    const file = kind ? streamFilePath(video.uid, fileName) : null;
    const stat = file ? await fs.stat(file).catch(() => null) : null;
    if (!kind || !file || !stat?.isFile()) throw new AppError('NOT_FOUND', 'No such file in this stream.');
    const cache = kind.isManifest ? MANIFEST_CACHE : SEGMENT_CACHE;
    await sendFile(req, res, {
      path: file,
      size: stat.size,
      contentType: kind.contentType,
      etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
      // A signed URL's files are not for shared caches.
      headers: { 'Cache-Control': viaToken ? cache.replace('public', 'private') : cache },
    });
  } catch (error) {
    sendError(res, error);
  }
}
