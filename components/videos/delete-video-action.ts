'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getSessionUser } from '@/lib/auth/session';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { isMediaId } from '@/lib/universal/is-media-id';
import { deleteOwnVideo } from '@/lib/videos/delete-own-video';

export type DeleteResult = { ok: false; message: string } | null;

/**
 * Delete (and "Discard" for an interrupted upload) on `/videos` and `/videos/{uid}`: the owner
 * or an admin; anyone else is told the video does not exist. On success the browser goes to
 * `/videos`, which says what was deleted; a failure is a message beside the button.
 */
export async function deleteVideoAction(_previous: DeleteResult, form: FormData): Promise<DeleteResult> {
  let name: string;
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError('UNAUTHENTICATED', 'You are not signed in, or your session has expired. Sign in and try again.');
    const uid = form.get('uid');
    if (typeof uid !== 'string' || !isMediaId(uid)) throw new AppError('BAD_REQUEST', 'Choose a video to delete first.');
    name = await deleteOwnVideo(uid, { kind: 'user', user });
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    log.error({ err: error }, 'Deleting a video failed');
    return { ok: false, message: 'Something went wrong on our side. Please try again.' };
  }
  revalidatePath('/videos');
  // Outside the try: redirect() ends the action by throwing.
  redirect(`/videos?deleted=${encodeURIComponent(name || 'Untitled video')}`);
}
