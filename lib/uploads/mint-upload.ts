import { randomBytes } from 'node:crypto';
import { Upload } from '@tus/server';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { checkMintAllowed } from './check-mint-allowed';
import { removeUploadFiles } from '@/lib/storage/upload-files';
import { getUploadStore } from '@/lib/upload-store/store';
import { parseUploadMetadata } from './metadata';
import { type UploadOptions, readUploadOptions } from './upload-options';
import { uploadUrl } from './upload-url';
import { formatBytes } from '@/lib/universal/format';

/**
 * Mints a one-time tus upload URL from a tus creation request (POST with Upload-Length and
 * Upload-Metadata), as Cloudflare Stream's direct creator uploads do. Shared by the session
 * route (the app's uploader) and the API-token route.
 *
 * On the session route the browser is not trusted with limits: its maxDurationSeconds and
 * expiry may only tighten the server's defaults. A refused request leaves no row and no file.
 */

export type MintChannel = 'session' | 'api';

export type MintInput = {
  headers: Headers;
  channel: MintChannel;
  /** The signed-in user (session channel). */
  ownerId: string | null;
  /** The origin the upload URL starts with. */
  baseUrl: string;
  /** The API token that asks (API channel), for its rate limit. */
  tokenId?: string | null;
  /** The client's address, for the per-address rate limit. */
  address?: string;
};

export type MintResult = { uid: string; location: string; expiry: Date };

const CREATOR = /^[\x20-\x7E]{1,64}$/;

function readTusResumable(headers: Headers, channel: MintChannel): void {
  const value = headers.get('tus-resumable');
  if (value === null ? channel === 'api' : value.trim() !== '1.0.0') {
    throw new AppError('PRECONDITION_FAILED', 'This server speaks tus 1.0.0: send "Tus-Resumable: 1.0.0".', { 'Tus-Version': '1.0.0' });
  }
}

/**
 * The declared size, or null for a deferred length (tus `creation-defer-length`, API route only:
 * a backend that compresses on the fly learns the size later and sends it on a PATCH).
 */
function readUploadLength(headers: Headers, channel: MintChannel, maxUploadBytes: number): number | null {
  const value = headers.get('upload-length')?.trim();
  const defer = headers.get('upload-defer-length')?.trim();
  if (defer !== undefined) {
    if (channel !== 'api') throw new AppError('BAD_REQUEST', 'Upload-Length is required here: deferred lengths are taken on the API route only.');
    if (defer !== '1') throw new AppError('BAD_REQUEST', `Upload-Defer-Length must be 1 (got "${defer.slice(0, 20)}").`);
    if (value !== undefined) throw new AppError('BAD_REQUEST', 'Send either Upload-Length or Upload-Defer-Length: 1, not both.');
    return null;
  }
  if (value === undefined || value === '') {
    throw new AppError('BAD_REQUEST', 'Upload-Length is required: the size of the file in bytes (or Upload-Defer-Length: 1 when it is not known yet).');
  }
  if (!/^\d+$/.test(value)) throw new AppError('BAD_REQUEST', `Upload-Length must be a whole number of bytes (got "${value.slice(0, 40)}").`);
  const size = Number(value);
  if (size === 0) throw new AppError('BAD_REQUEST', 'Upload-Length must be at least 1 byte: the file is empty.');
  if (size > maxUploadBytes) {
    throw new AppError('TOO_LARGE', `The file is too large: ${value} bytes, and the limit is ${maxUploadBytes} bytes (${formatBytes(maxUploadBytes)}).`);
  }
  return size;
}


function readCreator(headers: Headers): string | null {
  const value = headers.get('upload-creator')?.trim();
  if (!value) return null;
  if (!CREATOR.test(value)) throw new AppError('BAD_REQUEST', 'Upload-Creator must be 1 to 64 printable ASCII characters.');
  return value;
}

/** The upload URL's expiry: the server's default, or the one asked for (API: within MAX_UPLOAD_URL_TTL). */
export function resolveExpiry(options: Pick<UploadOptions, 'expiry'>, channel: MintChannel, now: number): Date {
  const env = getEnv();
  const fallback = now + env.uploadUrlTtlSeconds * 1000;
  let expiry = fallback;
  if (options.expiry) {
    const asked = options.expiry.getTime();
    if (asked <= now) throw new AppError('BAD_REQUEST', 'expiry must be in the future.');
    if (channel === 'session') {
      expiry = Math.min(asked, fallback);
    } else if (asked - now > env.maxUploadUrlTtlSeconds * 1000) {
      throw new AppError('BAD_REQUEST', `expiry must be at most ${env.maxUploadUrlTtlSeconds} seconds from now (MAX_UPLOAD_URL_TTL).`);
    } else {
      expiry = asked;
    }
  }
  // Whole seconds: the signed URL carries the expiry in seconds.
  return new Date(Math.floor(expiry / 1000) * 1000);
}

export function resolveMaxDuration(options: Pick<UploadOptions, 'maxDurationSeconds'>, channel: MintChannel): number {
  const fallback = getEnv().defaultMaxDurationSeconds;
  if (options.maxDurationSeconds === null) return fallback;
  return channel === 'session' ? Math.min(options.maxDurationSeconds, fallback) : options.maxDurationSeconds;
}

export async function mintUpload(input: MintInput): Promise<MintResult> {
  const env = getEnv();
  const { headers, channel } = input;
  readTusResumable(headers, channel);
  const size = readUploadLength(headers, channel, env.maxUploadBytes);
  const metadataHeader = headers.get('upload-metadata');
  const options = readUploadOptions(metadataHeader === null ? [] : parseUploadMetadata(metadataHeader));
  if (size === null && options.maxDurationSeconds === null) {
    throw new AppError('BAD_REQUEST', 'An upload of deferred length needs maxDurationSeconds in Upload-Metadata.');
  }
  const creator = channel === 'api' ? readCreator(headers) : input.ownerId;
  const now = Date.now();
  const expiry = resolveExpiry(options, channel, now);
  const maxDurationSeconds = resolveMaxDuration(options, channel);
  // Rate limits, quotas and the disk guard: refused before anything is stored.
  // A deferred length is checked against the disk guard when a PATCH declares it.
  await checkMintAllowed({ ownerId: input.ownerId, tokenId: input.tokenId, address: input.address }, size ?? 0);

  const uid = randomBytes(16).toString('hex');
  const db = getDb();
  await db.video.create({
    data: {
      uid,
      creator,
      ownerId: input.ownerId,
      name: options.name,
      meta: JSON.stringify(options.meta),
      // 0 = not known yet (deferred length): a real upload has at least one byte.
      size: BigInt(size ?? 0),
      expectedSha256: options.expectedSha256,
      maxDurationSeconds,
      uploadExpiry: expiry,
      requireSignedURLs: options.requireSignedURLs,
      thumbnailTimestampPct: options.thumbnailTimestampPct,
      created: new Date(now),
    },
  });
  try {
    await getUploadStore().create(
      new Upload({ id: uid, size: size ?? undefined, offset: 0, metadata: { ...options.meta }, creation_date: new Date(now).toISOString() }),
    );
  } catch (error) {
    await removeUploadFiles(uid).catch(() => {});
    await db.video.deleteMany({ where: { uid } });
    throw error;
  }
  return { uid, location: uploadUrl(input.baseUrl, uid, expiry), expiry };
}
