import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { creatorFrom, maxDurationSchema, rfc3339Schema, videoOptionsData, videoOptionsShape } from '@/lib/videos/video-options';
import { resolveExpiry } from './mint-upload';
import { createUploadToken } from './upload-url';
import { basicUploadLimit } from './receive-basic-upload';
import { checkMintAllowed, type MintRequester } from './check-mint-allowed';

/**
 * Cloudflare's basic direct creator upload (`POST /stream/direct_upload`): a `pendingupload`
 * video and a one-time URL that takes one `multipart/form-data` POST of the file, with no
 * credentials (lib/uploads/handle-direct-upload.ts). Expiry and limits as the tus mint's.
 */

export const DIRECT_PATH = '/api/direct';

export const directUploadSchema = z.object({
  maxDurationSeconds: maxDurationSchema,
  expiry: rfc3339Schema('expiry').optional(),
  ...videoOptionsShape,
  creator: videoOptionsShape.creator,
});

export type DirectUploadRequest = z.output<typeof directUploadSchema>;

export type DirectUploadJson = { uid: string; uploadURL: string; scheduledDeletion: string | null; watermark: null };

export function directUploadUrl(baseUrl: string, uid: string, expiry: Date): string {
  return `${baseUrl}${DIRECT_PATH}/${createUploadToken(uid, expiry, 'direct')}`;
}

export async function createDirectUpload(body: DirectUploadRequest, headers: Headers, baseUrl: string, requester: MintRequester): Promise<DirectUploadJson> {
  // Rate limit and disk guard (room for the largest basic upload), before anything is stored.
  await checkMintAllowed(requester, basicUploadLimit());
  const now = Date.now();
  const expiry = resolveExpiry({ expiry: body.expiry ?? null }, 'api', now);
  const uid = randomBytes(16).toString('hex');
  await getDb().video.create({
    data: {
      uid,
      size: BigInt(0),
      maxDurationSeconds: body.maxDurationSeconds,
      uploadExpiry: expiry,
      uploadMethod: 'basic',
      created: new Date(now),
      ...videoOptionsData(body),
      creator: creatorFrom(body.creator, headers) ?? null,
    },
  });
  return { uid, uploadURL: directUploadUrl(baseUrl, uid, expiry), scheduledDeletion: body.scheduledDeletion?.toISOString() ?? null, watermark: null };
}
