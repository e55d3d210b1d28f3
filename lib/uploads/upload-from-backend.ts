import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { creatorFrom } from '@/lib/videos/video-options';
import { tooLargeError } from './receive-multipart-file';
import { basicUploadLimit, receiveBasicUpload } from './receive-basic-upload';
import { checkMintAllowed, type MintRequester } from './check-mint-allowed';

/**
 * Cloudflare's basic upload by the backend: `POST /stream` with `multipart/form-data` (the
 * file in the field `file`) and the API token. The video is made, the file streamed to disk,
 * and the video answered `queued`; a failed upload leaves no row and no file.
 */

const FRAMING_BYTES = 64 * 1024;

export async function uploadFromBackend(request: Request, requester: MintRequester): Promise<Video> {
  const env = getEnv();
  const limit = basicUploadLimit();
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit + FRAMING_BYTES) throw tooLargeError(limit);
  await checkMintAllowed(requester, Number.isFinite(declared) ? declared : limit);
  if (!request.body) throw new AppError('BAD_REQUEST', 'The form has no file in the field "file".');
  const uid = randomBytes(16).toString('hex');
  const now = Date.now();
  const db = getDb();
  await db.video.create({
    data: {
      uid,
      size: BigInt(0),
      maxDurationSeconds: env.defaultMaxDurationSeconds,
      uploadExpiry: new Date(Math.floor((now + env.uploadUrlTtlSeconds * 1000) / 1000) * 1000),
      uploadMethod: 'basic',
      created: new Date(now),
      creator: creatorFrom(undefined, request.headers) ?? null,
    },
  });
  try {
    await receiveBasicUpload({
      uid,
      body: Readable.fromWeb(request.body as unknown as NodeReadableStream),
      contentType: request.headers.get('content-type') ?? '',
    });
  } catch (error) {
    await db.video.deleteMany({ where: { uid } });
    throw error;
  }
  const video = await db.video.findUnique({ where: { uid } });
  if (!video) throw new AppError('NOT_FOUND', 'The video was deleted while it was uploaded.');
  return video;
}
