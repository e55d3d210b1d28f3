import { getDbProvider } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

const HEX = /^[0-9a-f]{1,32}$/i;

/**
 * The admin list's one search box: part of a video's name, its media ID (or the start of it,
 * as people paste or read out a few characters), part of its creator's email, or of the
 * `creator` an API upload gave. Empty text matches every video.
 */
export function adminSearchFilter(text: string | undefined): Prisma.VideoWhereInput {
  const wanted = text?.trim() ?? '';
  if (!wanted) return {};
  // SQLite's LIKE ignores case already; PostgreSQL needs to be asked.
  const contains = { contains: wanted, ...(getDbProvider() === 'postgresql' ? { mode: 'insensitive' as const } : {}) };
  const matches: Prisma.VideoWhereInput[] = [
    { name: contains },
    { creator: contains },
    // Emails are stored in lower case.
    { owner: { is: { email: { ...contains, contains: wanted.toLowerCase() } } } },
  ];
  if (HEX.test(wanted)) matches.push({ uid: { startsWith: wanted.toLowerCase() } });
  return { OR: matches };
}
