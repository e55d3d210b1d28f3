import { findUserByEmail } from '@/lib/auth/users';

/**
 * The user id an admin means by a creator filter. A video's creator is a user id (uploads from
 * the app) or free text (the API's `creator`), and an admin knows people by email: an email
 * that belongs to a user finds that user's videos. Anything else is null: the text is matched as typed.
 */
export async function findCreatorId(text: string): Promise<string | null> {
  if (!text.includes('@')) return null;
  const user = await findUserByEmail(text);
  return user?.id ?? null;
}
