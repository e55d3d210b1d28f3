import { AppError } from '@/lib/errors';

/**
 * The tus 1.0.0 Upload-Metadata header: comma-separated `key base64value` pairs (the value
 * and its space may be left out). Spaces around a comma are tolerated; anything else
 * outside the grammar is refused, as are duplicate keys (case-insensitively) and values
 * that are not base64 of UTF-8.
 */

export type MetadataPair = { key: string; value: string | null };

const KEY = /^[\x21-\x2B\x2D-\x7E]+$/; // printable ASCII without space and comma
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(detail: string): AppError {
  return new AppError('BAD_REQUEST', `Upload-Metadata is malformed: ${detail}`);
}

export function parseUploadMetadata(header: string): MetadataPair[] {
  const seen = new Set<string>();
  return header.split(',').map((raw) => {
    const pair = raw.replace(/^ +| +$/g, '');
    if (pair === '') throw malformed('it has an empty pair (check for stray commas).');
    const space = pair.indexOf(' ');
    const key = space === -1 ? pair : pair.slice(0, space);
    const encoded = space === -1 ? null : pair.slice(space + 1);
    if (!KEY.test(key)) throw malformed(`the key "${key}" may only hold printable ASCII without spaces or commas.`);
    const lower = key.toLowerCase();
    if (seen.has(lower)) throw malformed(`the key "${key}" appears more than once.`);
    seen.add(lower);
    if (encoded === null) return { key, value: null };
    if (!BASE64.test(encoded)) throw malformed(`the value of "${key}" is not base64.`);
    try {
      return { key, value: utf8.decode(Buffer.from(encoded, 'base64')) };
    } catch {
      throw malformed(`the value of "${key}" is not base64 of UTF-8 text.`);
    }
  });
}
