import type { z } from 'zod';
import { AppError } from '@/lib/errors';

/** JSON request bodies of the APIs: at most 1 MiB (read no further), then parsed with a zod schema. */

export const MAX_JSON_BYTES = 1024 * 1024;

/** The body's text, refused with 413 as soon as it passes `limit` (a declared Content-Length is checked first). */
export async function readBodyText(request: Request, limit = MAX_JSON_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  const tooLarge = () => new AppError('TOO_LARGE', `The request body is larger than ${limit / 1024 / 1024} MiB.`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads and validates a JSON body. An empty body counts as `{}` when `allowEmpty` (Cloudflare's
 * optional bodies, e.g. `POST /{uid}/token`). Messages name the field that is wrong.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, options: { allowEmpty?: boolean } = {}): Promise<z.infer<S>> {
  const text = await readBodyText(request);
  let value: unknown;
  if (text.trim() === '') {
    if (!options.allowEmpty) throw new AppError('BAD_REQUEST', 'The request needs a JSON body.');
    value = {};
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError('BAD_REQUEST', 'The request body is not valid JSON.');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new AppError('BAD_REQUEST', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return parsed.data as z.infer<S>;
}
