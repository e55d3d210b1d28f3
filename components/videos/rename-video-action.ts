'use server';

import { revalidatePath } from 'next/cache';
import { getSessionUser } from '@/lib/auth/session';
import { AppError, isAppError } from '@/lib/errors';
import { log } from '@/lib/log/logger';
import { renameVideoSchema } from '@/lib/validations/rename-video';
import { renameVideo } from '@/lib/videos/rename-video';

export type RenameResult = { ok: boolean; message: string; name?: string } | null;

/**
 * The owner's rename form on `/videos/{uid}`. A server action is a public endpoint: it checks
 * again who calls it (the owner or an admin; anyone else is told the video does not exist) and
 * what it was sent, and answers a message, never an error page.
 */
export async function renameVideoAction(_previous: RenameResult, form: FormData): Promise<RenameResult> {
  const sent = form.get('name');
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError('UNAUTHENTICATED', 'You are not signed in, or your session has expired. Sign in and try again.');
    const parsed = renameVideoSchema.safeParse({ uid: form.get('uid') ?? undefined, name: sent ?? undefined });
    if (!parsed.success) throw new AppError('BAD_REQUEST', parsed.error.issues[0]?.message ?? 'Enter a name for the video.');
    await renameVideo(parsed.data.uid, parsed.data.name, { kind: 'user', user });
    revalidatePath('/videos');
    revalidatePath(`/videos/${parsed.data.uid}`);
    return { ok: true, message: `Renamed to “${parsed.data.name}”.`, name: parsed.data.name };
  } catch (error) {
    const name = typeof sent === 'string' ? sent : undefined;
    if (isAppError(error)) return { ok: false, message: error.message, name };
    log.error({ err: error }, 'Renaming a video failed');
    return { ok: false, message: 'Something went wrong on our side. Please try again.', name };
  }
}
