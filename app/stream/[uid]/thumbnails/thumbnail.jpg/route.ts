import fs from 'node:fs/promises';
import { isAppError } from '@/lib/errors';
import { authorizePlayback } from '@/lib/playback/access';
import { playbackRequestFromHeaders } from '@/lib/playback/playback-request';
import { MalformedVideoError } from '@/lib/processing/probe-video';
import { readThumbnailQuery, thumbnailFor } from '@/lib/processing/serve-thumbnail';
import { log } from '@/lib/log/logger';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ uid: string }> };

function text(status: number, message: string): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** A JPEG of the video (Cloudflare's thumbnail URL): `?time=2.5s&height=240`; a signed token may stand in place of the uid. */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const { uid: idOrToken } = await params;
    const { video, viaToken } = await authorizePlayback(playbackRequestFromHeaders(request.headers, idOrToken, 'thumbnail'));
    const file = await thumbnailFor(video.uid, readThumbnailQuery(new URL(request.url).searchParams));
    const image = await fs.readFile(file);
    return new Response(new Uint8Array(image), {
      // A signed video's frames are not for shared caches (a token or the video's settings may change).
      headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': `${viaToken || video.requireSignedURLs ? 'private' : 'public'}, max-age=86400, immutable`, 'X-Content-Type-Options': 'nosniff' },
    });
  } catch (error) {
    if (isAppError(error)) return text(error.status, error.message);
    if (error instanceof MalformedVideoError) return text(422, `No frame could be made at that time: ${error.message}`);
    log.error({ err: error }, 'Thumbnail failed');
    return text(500, 'The thumbnail could not be made.');
  }
}
