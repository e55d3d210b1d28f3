import { z } from 'zod';
import type { Prisma } from '@/lib/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { parseRfc3339 } from '@/lib/universal/parse-rfc3339';

/**
 * The fields of a video a backend may set, with Cloudflare's names and limits: shared by
 * `POST /direct_upload`, `POST /copy` and the edit (`POST /{uid}`). Each message names the
 * field that is wrong.
 */

/** A host a video may be shown on: `example.com`, `example.com:8443`, or `*.example.com`. */
const ORIGIN_HOST = /^(\*\.)?(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/;

export const MAX_ALLOWED_ORIGINS = 100;

export const allowedOriginsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((value) => ORIGIN_HOST.test(value), {
        error: (issue) =>
          `"${String(issue.input).slice(0, 100)}" is not an origin host: write hosts like "example.com" or "*.example.com" (no scheme, path or bare "*").`,
      }),
    { error: 'allowedOrigins must be an array of hosts, e.g. ["example.com", "*.example.com"].' },
  )
  .max(MAX_ALLOWED_ORIGINS, { error: `allowedOrigins may hold at most ${MAX_ALLOWED_ORIGINS} hosts.` })
  .transform((hosts) => [...new Set(hosts)]);

/** An RFC 3339 date and time with a time zone, as a Date. */
export const rfc3339Schema = (name: string) =>
  z.string({ error: `${name} must be an RFC 3339 date and time, e.g. 2030-01-02T15:04:05Z.` }).transform((value, ctx) => {
    const date = parseRfc3339(value);
    if (!date) {
      ctx.addIssue({ code: 'custom', message: `${name} must be an RFC 3339 date and time with a time zone, e.g. 2030-01-02T15:04:05Z (got "${value.slice(0, 60)}").` });
      return z.NEVER;
    }
    return date;
  });

export const futureDate = (name: string) =>
  rfc3339Schema(name).refine((date) => date.getTime() > Date.now(), { error: `${name} must be in the future.` });

export const metaSchema = z
  .record(z.string().max(256, { error: 'meta keys may be at most 256 characters.' }), z.unknown(), {
    error: 'meta must be a JSON object, e.g. {"name": "My video"}.',
  })
  .refine((meta) => meta.name === undefined || typeof meta.name === 'string', { error: 'meta.name must be a string.' });

export const creatorSchema = z
  .string({ error: 'creator must be a string of at most 64 characters.' })
  .trim()
  .min(1, { error: 'creator must not be empty (leave it out, or send null to remove it).' })
  .max(64, { error: 'creator must be at most 64 characters.' });

/** The most `maxDurationSeconds` may be, wherever it is sent (mint metadata or JSON): 10 hours. */
export const MAX_DURATION_LIMIT_SECONDS = 36_000;

export const maxDurationSchema = z
  .number({ error: `maxDurationSeconds must be a whole number of seconds from 1 to ${MAX_DURATION_LIMIT_SECONDS}.` })
  .int({ error: `maxDurationSeconds must be a whole number of seconds from 1 to ${MAX_DURATION_LIMIT_SECONDS}.` })
  .min(1, { error: `maxDurationSeconds must be a whole number of seconds from 1 to ${MAX_DURATION_LIMIT_SECONDS}.` })
  .max(MAX_DURATION_LIMIT_SECONDS, { error: `maxDurationSeconds must be a whole number of seconds from 1 to ${MAX_DURATION_LIMIT_SECONDS}.` });

/** The fields every one of the three requests takes. */
export const videoOptionsShape = {
  meta: metaSchema.optional(),
  creator: creatorSchema.optional(),
  requireSignedURLs: z.boolean({ error: 'requireSignedURLs must be true or false.' }).optional(),
  allowedOrigins: allowedOriginsSchema.optional(),
  thumbnailTimestampPct: z
    .number({ error: 'thumbnailTimestampPct must be a number from 0 to 1.' })
    .min(0, { error: 'thumbnailTimestampPct must be a number from 0 to 1.' })
    .max(1, { error: 'thumbnailTimestampPct must be a number from 0 to 1.' })
    .optional(),
  scheduledDeletion: futureDate('scheduledDeletion').optional(),
  /** Watermark profiles are not supported: refused rather than silently ignored. */
  watermark: z
    .unknown()
    .optional()
    .refine((value) => value === undefined || value === null, { error: 'Watermarks are not supported by this server: leave out "watermark".' }),
};

export type VideoOptions = {
  meta?: Record<string, unknown>;
  creator?: string | null;
  requireSignedURLs?: boolean;
  allowedOrigins?: string[];
  thumbnailTimestampPct?: number;
  scheduledDeletion?: Date | null;
};

type VideoOptionColumns = Pick<
  Prisma.VideoUncheckedCreateInput,
  'meta' | 'name' | 'creator' | 'requireSignedURLs' | 'allowedOrigins' | 'thumbnailTimestampPct' | 'scheduledDeletion'
>;

/** The catalog columns for the options given (fields left out stay as they are). */
export function videoOptionsData(options: VideoOptions): VideoOptionColumns {
  const data: VideoOptionColumns = {};
  if (options.meta !== undefined) {
    const name = typeof options.meta.name === 'string' ? options.meta.name.slice(0, 1024) : '';
    data.meta = JSON.stringify({ ...options.meta, name });
    data.name = name;
  }
  if (options.creator !== undefined) data.creator = options.creator;
  if (options.requireSignedURLs !== undefined) data.requireSignedURLs = options.requireSignedURLs;
  if (options.allowedOrigins !== undefined) data.allowedOrigins = JSON.stringify(options.allowedOrigins);
  if (options.thumbnailTimestampPct !== undefined) data.thumbnailTimestampPct = options.thumbnailTimestampPct;
  if (options.scheduledDeletion !== undefined) data.scheduledDeletion = options.scheduledDeletion;
  return data;
}

/** The creator a request names: the body's `creator`, else the `Upload-Creator` header. */
export function creatorFrom(bodyCreator: string | null | undefined, headers: Headers): string | undefined {
  if (bodyCreator) return bodyCreator;
  const header = headers.get('upload-creator')?.trim();
  if (!header) return undefined;
  const parsed = creatorSchema.safeParse(header);
  if (!parsed.success) throw new AppError('BAD_REQUEST', `Upload-Creator: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}
