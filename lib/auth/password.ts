import { hash, verify } from '@node-rs/argon2';
import { processSingleton } from '@/lib/process-singleton';

// argon2id with the library's defaults (OWASP's first recommendation for password storage).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}


/**
 * The same argon2 work as checking a real account's password, for an email that has no
 * account: sign-in takes as long either way, so its timing does not reveal which emails exist.
 */
export async function verifyPasswordOfNobody(password: string): Promise<void> {
  // Made once per process (at start, see prepareApp), shared by server.ts's and Next's copies of this module.
  const nobodysHash = processSingleton('nobodys-password-hash', () => hash('no account has this password'));
  await verifyPassword(await nobodysHash, password);
}
