'use server';

import { revalidatePath } from 'next/cache';
import { getSessionUser } from '@/lib/auth/session';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { reviewDecisionSchema } from '@/lib/validations/review-decision';
import { decideVideos } from '@/lib/videos/decide-videos';
import { describeDecision } from '@/lib/videos/describe-decision';

export type ActionResult = { ok: boolean; message: string; decided: string[] };

/**
 * The admin's decisions: approve, reject (with an optional reason for the uploader) or delete
 * one video or a selection (the list's buttons, bulk bar and shortcuts; the video page's panel).
 * A server action is a public endpoint, so it checks again who calls it, and what it was sent:
 * anything wrong gets a message, not an error page.
 */
export async function decideVideoAction(input: unknown, options: { isLeaving?: boolean } = {}): Promise<ActionResult> {
  try {
    const user = await getSessionUser();
    if (user?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this. Sign in as an admin and try again.');
    const parsed = reviewDecisionSchema.safeParse(input);
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Choose Approve, Reject or Delete.');
    const outcome = await decideVideos(parsed.data, user.id);
    // A page that is left right after (the video page after its video was deleted) is not
    // rendered again: it would only show "not found".
    if (!options.isLeaving) {
      revalidatePath('/admin');
      revalidatePath('/videos', 'layout');
    }
    return { ...describeDecision(outcome), decided: outcome.done.map((video) => video.uid) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message, decided: [] };
    log.error({ err: error }, 'Admin action failed');
    return { ok: false, message: 'Something went wrong on our side. Please try again.', decided: [] };
  }
}
