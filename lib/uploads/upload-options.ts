import { AppError } from '@/lib/errors';
import { parseRfc3339 } from '@/lib/universal/parse-rfc3339';
import { MAX_DURATION_LIMIT_SECONDS } from '@/lib/videos/video-options';
import type { MetadataPair } from './metadata';

/**
 * What a mint request asks for, read from its metadata: the keys Upstream understands
 * (matched case-insensitively) become options; every other key is kept as video metadata.
 */

export type UploadOptions = {
  meta: Record<string, string>;
  name: string;
  fileType: string | null;
  maxDurationSeconds: number | null;
  expiry: Date | null;
  requireSignedURLs: boolean;
  thumbnailTimestampPct: number;
  /** The whole file's sha256 the client declares (lowercase hex); checked once the last byte arrives. */
  expectedSha256: string | null;
};

function bad(message: string): AppError {
  return new AppError('BAD_REQUEST', message);
}

function readMaxDuration(value: string | null): number {
  const n = Number(value);
  if (value === null || !/^\d+$/.test(value.trim()) || n < 1 || n > MAX_DURATION_LIMIT_SECONDS) {
    throw bad(`maxDurationSeconds must be a whole number of seconds from 1 to ${MAX_DURATION_LIMIT_SECONDS} (got "${value ?? ''}").`);
  }
  return n;
}

function readExpiry(value: string | null): Date {
  const date = value === null ? null : parseRfc3339(value);
  if (!date) {
    throw bad(`expiry must be an RFC 3339 date and time with a time zone, e.g. 2030-01-02T15:04:05Z (got "${value ?? ''}").`);
  }
  return date;
}

function readFlag(key: string, value: string | null): boolean {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw bad(`${key} is a flag: send it without a value (got "${value}").`);
}

function readSha256(value: string | null): string {
  const v = value?.trim() ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(v)) throw bad(`sha256 must be the file's SHA-256 as 64 hex characters (got "${v.slice(0, 80)}").`);
  return v.toLowerCase();
}

function readPct(value: string | null): number {
  const n = Number(value);
  if (value === null || value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw bad(`thumbnailTimestampPct must be a number from 0 to 1 (got "${value ?? ''}").`);
  }
  return n;
}

export function readUploadOptions(pairs: MetadataPair[]): UploadOptions {
  const options: UploadOptions = {
    meta: Object.create(null) as Record<string, string>, // no prototype: keys like __proto__ stay plain data
    name: '',
    fileType: null,
    maxDurationSeconds: null,
    expiry: null,
    requireSignedURLs: false,
    thumbnailTimestampPct: 0,
    expectedSha256: null,
  };
  let filename: string | null = null;
  for (const { key, value } of pairs) {
    switch (key.toLowerCase()) {
      case 'maxdurationseconds':
        options.maxDurationSeconds = readMaxDuration(value);
        break;
      case 'expiry':
        options.expiry = readExpiry(value);
        break;
      case 'requiresignedurls':
        options.requireSignedURLs = readFlag(key, value);
        break;
      case 'thumbnailtimestamppct':
        options.thumbnailTimestampPct = readPct(value);
        break;
      case 'sha256':
        options.expectedSha256 = readSha256(value);
        break;
      case 'name':
        options.meta.name = value ?? '';
        break;
      case 'filename':
        filename = value ?? '';
        options.meta.filename = filename;
        break;
      case 'filetype':
        options.fileType = value || null;
        options.meta.filetype = value ?? '';
        break;
      default:
        options.meta[key] = value ?? '';
    }
  }
  options.name = (options.meta.name || filename || '').slice(0, 1024);
  options.meta.name = options.name;
  return options;
}
