'use server';

import { revalidatePath } from 'next/cache';
import { getSessionUser } from '@/lib/auth/session';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { reviewDecisionSchema } from '@/lib/validations/review-decision';
import { deleteVideo } from '@/lib/videos/delete-video';
import { reviewVideo } from '@/lib/videos/review-video';

export type ActionResult = { ok: boolean; message: string } | null;

/**
 * The admin's buttons on a video: approve, reject (recording who and when) or delete.
 * A server action is a public endpoint, so it checks again who calls it, and what it was sent:
 * a form that is not one of the three buttons gets a message, not an error page.
 */
export async function decideVideoAction(_previous: ActionResult, form: FormData): Promise<ActionResult> {
  try {
    const user = await getSessionUser();
    if (user?.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin can do this. Sign in as an admin and try again.');
    const parsed = reviewDecisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Choose Approve, Reject or Delete.');
    const { uid, intent } = parsed.data;
    const name = parsed.data.name || 'the video';
    let message: string;
    switch (intent) {
      case 'approve':
        await reviewVideo(uid, 'approved', user.id);
        message = `Approved “${name}”.`;
        break;
      case 'reject':
        await reviewVideo(uid, 'rejected', user.id);
        message = `Rejected “${name}”.`;
        break;
      case 'delete':
        await deleteVideo(uid);
        message = `Deleted “${name}”.`;
        break;
    }
    revalidatePath('/admin');
    return { ok: true, message };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    log.error({ err: error }, 'Admin action failed');
    return { ok: false, message: 'Something went wrong on our side. Please try again.' };
  }
}
