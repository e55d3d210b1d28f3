import { z } from 'zod';

/** The longest name a video may be given on its page: a long file name fits (most file systems stop at 255). */
export const MAX_VIDEO_NAME_LENGTH = 255;

/** The owner's rename form on `/videos/{uid}`: what `components/videos/rename-form.tsx` sends. */
export const renameVideoSchema = z.object({
  uid: z.string({ message: 'Choose a video first.' }).min(1, { message: 'Choose a video first.' }),
  name: z
    .string({ message: 'Enter a name for the video.' })
    // Control characters (a pasted tab or newline) would break the name's one line in every list.
    .transform((value) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(1, { message: 'Enter a name for the video: it cannot be empty.' })
        .max(MAX_VIDEO_NAME_LENGTH, { message: `A name can be at most ${MAX_VIDEO_NAME_LENGTH} characters long.` }),
    ),
});

export type RenameVideoInput = z.output<typeof renameVideoSchema>;
