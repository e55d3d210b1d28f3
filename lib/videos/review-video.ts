import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { Video } from '@/lib/generated/prisma/client';
import { isMediaId } from '@/lib/universal/is-media-id';
import { reviewBlocker } from './review-blocker';
import { type ReviewDecision, VIDEO_STATES } from './states';

const REVIEWABLE_STATES = VIDEO_STATES.filter((state) => reviewBlocker(state) === null);

/**
 * An admin's decision on a video: approved or rejected (or back to pending), with who
 * decided and when, and for a rejection the reason the uploader reads. Deciding again
 * overwrites the earlier decision. Only a video whose bytes have all arrived and that did not
 * fail can be approved or rejected (`reviewBlocker`); the CONFLICT's message says why not.
 */
export async function reviewVideo(uid: string, decision: ReviewDecision, reviewerId: string, reason?: string): Promise<Video> {
  const notFound = new AppError('NOT_FOUND', `No video with the id "${uid.slice(0, 64)}".`);
  if (!isMediaId(uid)) throw notFound;
  const video = await getDb().video.findUnique({ where: { uid }, select: { state: true } });
  if (!video) throw notFound;
  const isPending = decision === 'pending';
  const blocker = isPending ? null : reviewBlocker(video.state);
  if (blocker) throw new AppError('CONFLICT', `It cannot be ${decision}: ${blocker}.`);
  const { count } = await getDb().video.updateMany({
    // The state again: a video that failed meanwhile is not approved.
    where: isPending ? { uid } : { uid, state: { in: REVIEWABLE_STATES } },
    data: {
      review: decision,
      reviewedById: isPending ? null : reviewerId,
      reviewedAt: isPending ? null : new Date(),
      reviewReason: decision === 'rejected' ? (reason ?? null) : null,
    },
  });
  if (count === 0) throw new AppError('CONFLICT', 'It failed while you decided: look at it again.');
  return getDb().video.findUniqueOrThrow({ where: { uid } });
}
