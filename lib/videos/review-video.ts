import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/universal/is-media-id';
import type { ReviewDecision } from './states';

/**
 * An admin's decision on a video: approved or rejected (or back to pending), with who
 * decided and when. Deciding again overwrites the earlier decision.
 */
export async function reviewVideo(uid: string, decision: ReviewDecision, reviewerId: string): Promise<Video> {
  const notFound = new AppError('NOT_FOUND', `No video with the id "${uid.slice(0, 64)}".`);
  if (!isMediaId(uid)) throw notFound;
  const isPending = decision === 'pending';
  const { count } = await getDb().video.updateMany({
    where: { uid },
    data: { review: decision, reviewedById: isPending ? null : reviewerId, reviewedAt: isPending ? null : new Date() },
  });
  if (count === 0) throw notFound;
  return getDb().video.findUniqueOrThrow({ where: { uid } });
}
