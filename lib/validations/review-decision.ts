import { z } from 'zod';

/** The longest rejection reason an admin may give: a sentence or two for the uploader, not an essay. */
export const REVIEW_REASON_MAX_LENGTH = 500;

/** How many videos one decision may name: a page of the admin list, with room. */
export const REVIEW_BATCH_MAX = 100;

const MEDIA_ID = /^[0-9a-f]{32}$/;

/**
 * An admin's decision on one or more videos (the list's buttons, its bulk bar and shortcuts, the
 * video page's panel): what `components/admin/decide-video-action.ts` receives.
 */
export const reviewDecisionSchema = z.object({
  uids: z
    .array(z.string().regex(MEDIA_ID, { message: 'That is not a media ID.' }), { message: 'Choose a video first.' })
    .min(1, { message: 'Choose a video first.' })
    .max(REVIEW_BATCH_MAX, { message: `Choose at most ${REVIEW_BATCH_MAX} videos at once.` }),
  intent: z.enum(['approve', 'reject', 'delete'], { message: 'Choose Approve, Reject or Delete.' }),
  /** Only with Reject: why, in words the uploader reads. Blank means no reason. */
  reason: z
    .string({ message: 'The reason must be text.' })
    .trim()
    .max(REVIEW_REASON_MAX_LENGTH, { message: `Keep the reason to ${REVIEW_REASON_MAX_LENGTH} characters or fewer.` })
    .optional()
    .transform((reason) => reason || undefined),
});

export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;
export type ReviewIntent = ReviewDecisionInput['intent'];
