import { z } from 'zod';

/** Shared by the sign-up form and the sign-up handler. */
export const accountSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'Enter a valid email address.' })),
  password: z
    .string()
    .min(8, { message: 'Use at least 8 characters for your password.' })
    .max(200, { message: 'Use at most 200 characters for your password.' }),
});

export type AccountInput = z.infer<typeof accountSchema>;
