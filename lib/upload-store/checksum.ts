import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '@/lib/errors';
import { tusServerError } from '@/lib/http/error-response';

/**
 * The tus `checksum` extension: a PATCH may carry `Upload-Checksum: <algorithm> <base64 digest>`
 * of its own body. The body is hashed while it streams to disk (nothing is held in memory);
 * when the digest differs, that request's bytes are taken back (see checksum-store.ts) and the
 * answer is 460. The expected digest travels from the request to the store in an async context.
 */

export const CHECKSUM_ALGORITHMS = ['sha1', 'sha256', 'md5'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export type ExpectedChecksum = { algorithm: ChecksumAlgorithm; digest: Buffer };

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { sha1: 20, sha256: 32, md5: 16 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Reads an Upload-Checksum header; null when absent. Unknown algorithm or a malformed digest → 400. */
export function readUploadChecksum(header: string | string[] | undefined): ExpectedChecksum | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(value);
  if (!match) throw new AppError('BAD_REQUEST', 'Upload-Checksum must be "<algorithm> <base64 digest>", e.g. "sha256 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=".');
  const algorithm = match[1]!.toLowerCase();
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new AppError('BAD_REQUEST', `Upload-Checksum algorithm "${algorithm.slice(0, 20)}" is not supported; use one of ${CHECKSUM_ALGORITHMS.join(', ')}.`);
  }
  const digest = BASE64.test(match[2]!) ? Buffer.from(match[2]!, 'base64') : null;
  if (!digest || digest.length !== DIGEST_BYTES[algorithm as ChecksumAlgorithm]) {
    throw new AppError('BAD_REQUEST', `Upload-Checksum: the ${algorithm} digest must be ${DIGEST_BYTES[algorithm as ChecksumAlgorithm]} bytes in base64.`);
  }
  return { algorithm: algorithm as ChecksumAlgorithm, digest };
}

const expected = new AsyncLocalStorage<ExpectedChecksum | null>();

/** Runs one tus request with its expected body digest (or none) in reach of the store. */
export function withExpectedChecksum<T>(checksum: ExpectedChecksum | null, task: () => Promise<T>): Promise<T> {
  return expected.run(checksum, task);
}

export function currentExpectedChecksum(): ExpectedChecksum | null {
  return expected.getStore() ?? null;
}

/** The error @tus/server answers with: 460 Checksum Mismatch, as the tus extension names it. */
export const CHECKSUM_MISMATCH = tusServerError(
  'CHECKSUM_MISMATCH',
  'Checksum mismatch: the body of this PATCH does not match its Upload-Checksum; none of its bytes were stored. Send the same bytes again.',
);
