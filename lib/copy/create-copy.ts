import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { wakeJob } from '@/lib/jobs/wake';
import { creatorFrom, maxDurationSchema, videoOptionsData, videoOptionsShape } from '@/lib/videos/video-options';
import { checkSourceUrl, FetchOriginError } from './fetch-source';
import { checkMintAllowed, type MintRequester } from '@/lib/uploads/check-mint-allowed';

/**
 * Cloudflare's upload via link (`POST /stream/copy`): the video is made in state
 * `downloading` and the copy job fetches it (lib/copy/copy-worker.ts). Any http(s) URL the
 * token holder names is fetched, like a webhook URL.
 */

export const copySchema = z
  .object({
    url: z.string({ error: 'url must be a string: the http(s) URL of the video.' }).optional(),
    /** The SDK's newer name for url. */
    input: z.string({ error: 'input must be a string: the http(s) URL of the video.' }).optional(),
    name: z.string({ error: 'name must be a string.' }).max(1024, { error: 'name may be at most 1024 characters.' }).optional(),
    maxDurationSeconds: maxDurationSchema.optional(),
    ...videoOptionsShape,
  })
  .refine((body) => body.url !== undefined || body.input !== undefined, { error: 'Send the video\'s address in "url" (or "input"), e.g. {"url": "https://example.com/video.mp4"}.' });

export type CopyRequest = z.output<typeof copySchema>;

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(last).slice(0, 1024);
  } catch {
    return last.slice(0, 1024);
  }
}

export async function createCopy(body: CopyRequest, headers: Headers, requester: MintRequester): Promise<Video> {
  if (body.url !== undefined && body.input !== undefined && body.url !== body.input) {
    throw new AppError('BAD_REQUEST', 'Send the URL in "url" or in "input", not two different ones.');
  }
  let url: URL;
  try {
    url = checkSourceUrl(body.url ?? body.input ?? '');
  } catch (error) {
    if (error instanceof FetchOriginError) throw new AppError('BAD_REQUEST', `url: ${error.message}`);
    throw error;
  }
  // Rate limit and disk guard; the size is known only as the bytes arrive (MAX_UPLOAD_BYTES bounds it).
  await checkMintAllowed(requester, 0);
  const env = getEnv();
  const options = videoOptionsData(body);
  const meta = options.meta ? (JSON.parse(options.meta) as Record<string, unknown>) : {};
  const name = body.name || options.name || fileNameOf(url);
  const now = new Date();
  const uid = randomBytes(16).toString('hex');
  const video = await getDb().video.create({
    data: {
      uid,
      size: BigInt(0),
      state: 'downloading',
      uploadMethod: 'copy',
      sourceUrl: url.href,
      maxDurationSeconds: body.maxDurationSeconds ?? env.defaultMaxDurationSeconds,
      uploadExpiry: now,
      created: now,
      ...options,
      // As Cloudflare's: the video's meta says where it came from.
      meta: JSON.stringify({ ...meta, name, 'downloaded-from': url.href }),
      name,
      creator: creatorFrom(body.creator, headers) ?? null,
    },
  });
  wakeJob('copy');
  return video;
}
