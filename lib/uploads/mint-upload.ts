import { randomBytes } from 'node:crypto';
import { Upload } from '@tus/server';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { checkMintAllowed } from '@/lib/limits/check-mint-allowed';
import { removeUploadFiles } from '@/lib/storage/upload-files';
import { getUploadStore } from '@/lib/tus/store';
import { parseUploadMetadata } from './metadata';
import { type UploadOptions, readUploadOptions } from './upload-options';
import { uploadUrl } from './upload-url';

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

function readUploadLength(headers: Headers, maxUploadBytes: number): number {
  const value = headers.get('upload-length')?.trim();
  if (value === undefined || value === '') {
    const deferred = headers.has('upload-defer-length') ? ' Deferred lengths are not supported.' : '';
    throw new AppError('BAD_REQUEST', `Upload-Length is required: the size of the file in bytes.${deferred}`);
  }
  if (!/^\d+$/.test(value)) throw new AppError('BAD_REQUEST', `Upload-Length must be a whole number of bytes (got "${value.slice(0, 40)}").`);
  const size = Number(value);
  if (size === 0) throw new AppError('BAD_REQUEST', 'Upload-Length must be at least 1 byte: the file is empty.');
  if (size > maxUploadBytes) {
    throw new AppError('TOO_LARGE', `The file is too large: ${value} bytes, and the limit is ${maxUploadBytes} bytes (${formatBytes(maxUploadBytes)}).`);
  }
  return size;
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(2))} ${units[unit]}`;
}

function readCreator(headers: Headers): string | null {
  const value = headers.get('upload-creator')?.trim();
  if (!value) return null;
  if (!CREATOR.test(value)) throw new AppError('BAD_REQUEST', 'Upload-Creator must be 1 to 64 printable ASCII characters.');
  return value;
}

function resolveExpiry(options: UploadOptions, channel: MintChannel, now: number): Date {
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

function resolveMaxDuration(options: UploadOptions, channel: MintChannel): number {
  const fallback = getEnv().defaultMaxDurationSeconds;
  if (options.maxDurationSeconds === null) return fallback;
  return channel === 'session' ? Math.min(options.maxDurationSeconds, fallback) : options.maxDurationSeconds;
}

export async function mintUpload(input: MintInput): Promise<MintResult> {
  const env = getEnv();
  const { headers, channel } = input;
  readTusResumable(headers, channel);
  const size = readUploadLength(headers, env.maxUploadBytes);
  const metadataHeader = headers.get('upload-metadata');
  const options = readUploadOptions(metadataHeader === null ? [] : parseUploadMetadata(metadataHeader));
  const creator = channel === 'api' ? readCreator(headers) : input.ownerId;
  const now = Date.now();
  const expiry = resolveExpiry(options, channel, now);
  const maxDurationSeconds = resolveMaxDuration(options, channel);
  // Rate limits, quotas and the disk guard: refused before anything is stored.
  await checkMintAllowed({ ownerId: input.ownerId, tokenId: input.tokenId, address: input.address }, size);

  const uid = randomBytes(16).toString('hex');
  const db = getDb();
  await db.video.create({
    data: {
      uid,
      creator,
      ownerId: input.ownerId,
      name: options.name,
      meta: JSON.stringify(options.meta),
      size: BigInt(size),
      maxDurationSeconds,
      uploadExpiry: expiry,
      requireSignedURLs: options.requireSignedURLs,
      thumbnailTimestampPct: options.thumbnailTimestampPct,
      created: new Date(now),
    },
  });
  try {
    await getUploadStore().create(
      new Upload({ id: uid, size, offset: 0, metadata: { ...options.meta }, creation_date: new Date(now).toISOString() }),
    );
  } catch (error) {
    await removeUploadFiles(uid).catch(() => {});
    await db.video.deleteMany({ where: { uid } });
    throw error;
  }
  return { uid, location: uploadUrl(input.baseUrl, uid, expiry), expiry };
}
