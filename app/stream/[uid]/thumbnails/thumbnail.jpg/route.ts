import fs from 'node:fs/promises';
import { errorResponse } from '@/lib/http/error-response';
import { authorizePlayback } from '@/lib/playback/access';
import { playbackRequestFromHeaders } from '@/lib/playback/playback-request';
import { readThumbnailQuery, thumbnailFor } from '@/lib/processing/serve-thumbnail';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ uid: string }> };

/** A JPEG of the video (Cloudflare's thumbnail URL): `?time=2.5s&height=240`; a signed token may stand in place of the uid. Refusals are plain text. */
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
    return errorResponse(error, 'text');
  }
}
