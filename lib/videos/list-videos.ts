import { z } from 'zod';
import { getDb, getDbProvider } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Prisma, Video } from '@/lib/generated/prisma/client';
import { parseRfc3339 } from '@/lib/universal/parse-rfc3339';
import { REVIEW_DECISIONS, VIDEO_STATES } from './states';

/**
 * The list's query: Cloudflare's filters (status, creator, search, video_name, id, limit,
 * after/start, before/end, asc, include_counts) plus review.
 */
const rfc3339 = (name: string) =>
  z
    .string()
    .transform((value, ctx) => {
      const date = parseRfc3339(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an RFC 3339 date and time with a time zone, e.g. 2030-01-02T15:04:05Z.` });
        return z.NEVER;
      }
      return date;
    })
    .optional();

const booleanParam = (name: string) =>
  z
    .enum(['true', 'false', '1', '0'], { message: `${name} must be true or false.` })
    .transform((value) => value === 'true' || value === '1')
    .optional();

export const listQuerySchema = z.object({
  status: z.enum(VIDEO_STATES, { message: `status must be one of ${VIDEO_STATES.join(', ')}.` }).optional(),
  review: z.enum(REVIEW_DECISIONS, { message: `review must be one of ${REVIEW_DECISIONS.join(', ')}.` }).optional(),
  creator: z.string().max(256).optional(),
  search: z.string().max(256).optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { message: 'limit must be a whole number from 1 to 1000.' })
    .transform(Number)
    .pipe(z.number().int().min(1, { message: 'limit must be a whole number from 1 to 1000.' }).max(1000, { message: 'limit must be a whole number from 1 to 1000.' }))
    .optional(),
  after: rfc3339('after'),
  before: rfc3339('before'),
  /** Cloudflare's names for after and before. */
  start: rfc3339('start'),
  end: rfc3339('end'),
  asc: booleanParam('asc'),
  include_counts: booleanParam('include_counts'),
  /** Exact match on the name. */
  video_name: z.string().max(1024).optional(),
  /** One uid or a comma-separated list. */
  id: z
    .string()
    .max(33 * 1000)
    .transform((value) => value.split(',').map((uid) => uid.trim()).filter(Boolean))
    .optional(),
});

export type ListQuery = z.output<typeof listQuerySchema>;

export function parseListQuery(params: URLSearchParams): ListQuery {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(listQuerySchema.shape)) {
    const value = params.get(key);
    if (value !== null && value !== '') raw[key] = value;
  }
  const parsed = listQuerySchema.safeParse(raw);
  if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues.map((issue) => issue.message).join(' '));
  return parsed.data;
}

export const DEFAULT_LIST_LIMIT = 100;

/** The filter of a list query. `ownerId` narrows to one user's videos (undefined: every video). */
export function videoFilter(query: ListQuery, ownerId?: string): Prisma.VideoWhereInput {
  // Both names given: the narrower bound holds.
  const after = later(query.after, query.start);
  const before = earlier(query.before, query.end);
  return {
    ownerId,
    state: query.status,
    review: query.review,
    creator: query.creator,
    name: nameFilter(query),
    ...(query.id ? { uid: { in: query.id } } : {}),
    created: after || before ? { gt: after, lt: before } : undefined,
  };
}

function nameFilter(query: ListQuery): Prisma.StringFilter | undefined {
  if (!query.search && query.video_name === undefined) return undefined;
  return {
    // SQLite's LIKE ignores case already; PostgreSQL needs to be asked.
    ...(query.search ? { contains: query.search, ...(getDbProvider() === 'postgresql' ? { mode: 'insensitive' } : {}) } : {}),
    ...(query.video_name !== undefined ? { equals: query.video_name } : {}),
  } as Prisma.StringFilter;
}

function later(a: Date | undefined, b: Date | undefined): Date | undefined {
  return a && b ? (a > b ? a : b) : (a ?? b);
}

function earlier(a: Date | undefined, b: Date | undefined): Date | undefined {
  return a && b ? (a < b ? a : b) : (a ?? b);
}

/** Newest first; the uid breaks ties between videos made in the same millisecond. */
export const NEWEST_FIRST = [{ created: 'desc' }, { uid: 'desc' }] satisfies Prisma.VideoOrderByWithRelationInput[];

export const OLDEST_FIRST = [{ created: 'asc' }, { uid: 'asc' }] satisfies Prisma.VideoOrderByWithRelationInput[];

/** Newest first (oldest first with `asc`). `ownerId` narrows to one user's videos (undefined: every video). */
export async function listVideos(query: ListQuery, ownerId?: string): Promise<Video[]> {
  return getDb().video.findMany({
    where: videoFilter(query, ownerId),
    orderBy: query.asc ? OLDEST_FIRST : NEWEST_FIRST,
    take: query.limit ?? DEFAULT_LIST_LIMIT,
  });
}

/** How many videos the query's filters match, without the limit (Cloudflare's `total` with include_counts). */
export async function countVideos(query: ListQuery, ownerId?: string): Promise<number> {
  return getDb().video.count({ where: videoFilter(query, ownerId) });
}
