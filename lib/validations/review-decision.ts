import { z } from 'zod';

/** The admin's buttons on a video: what the form of `components/admin/review-controls.tsx` sends. */
export const reviewDecisionSchema = z.object({
  uid: z.string({ message: 'Choose a video first.' }).min(1, { message: 'Choose a video first.' }),
  // Only for the message that says what was done.
  name: z.string().optional(),
  intent: z.enum(['approve', 'reject', 'delete'], { message: 'Choose Approve, Reject or Delete.' }),
});

export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;
