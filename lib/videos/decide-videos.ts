import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import type { ReviewDecisionInput, ReviewIntent } from '@/lib/validations/review-decision';
import { deleteVideo } from './delete-video';
import { reviewVideo } from './review-video';

export type DecidedVideo = { uid: string; name: string };

/** What a decision on one or more videos did: which were done, which were skipped and why, how many were gone already. */
export type DecisionOutcome = {
  intent: ReviewIntent;
  done: DecidedVideo[];
  skipped: (DecidedVideo & { why: string })[];
  missing: number;
};

/**
 * An admin's decision on the videos named: approve or reject (with the reason, for the
 * uploader) or delete. Each video is decided on its own, so one that cannot be (still
 * uploading, failed, deleted meanwhile) is reported and the rest go ahead.
 */
export async function decideVideos(input: ReviewDecisionInput, reviewerId: string): Promise<DecisionOutcome> {
  const uids = [...new Set(input.uids)];
  const found = await getDb().video.findMany({ where: { uid: { in: uids } }, select: { uid: true, name: true } });
  const names = new Map(found.map((video) => [video.uid, video.name || 'Untitled video']));
  const outcome: DecisionOutcome = { intent: input.intent, done: [], skipped: [], missing: uids.length - found.length };
  // In the order the admin chose them (the page's order), not the database's.
  for (const uid of uids.filter((id) => names.has(id))) {
    const video = { uid, name: names.get(uid)! };
    try {
      if (input.intent === 'delete') await deleteVideo(uid);
      else await reviewVideo(uid, input.intent === 'approve' ? 'approved' : 'rejected', reviewerId, input.reason);
      outcome.done.push(video);
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (error.kind === 'NOT_FOUND') outcome.missing += 1;
      else outcome.skipped.push({ ...video, why: error.message });
    }
  }
  return outcome;
}
