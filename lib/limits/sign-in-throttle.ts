import { consumeLimit, resetLimit, rewardLimit } from './rate-limiters';

/**
 * Password guessing, bounded per account and per address (SIGN_IN_FAILURES_PER_ACCOUNT /
 * _PER_ADDRESS within SIGN_IN_WINDOW_SECONDS). Every attempt is counted before the password
 * is checked, so parallel guesses cannot slip past the limit, and a throttled attempt never
 * reaches argon2. A successful sign-in gives its count back: it clears the account's failures
 * and takes itself off the address's count, so only failures add up.
 */

const MESSAGE = 'Too many failed sign-in attempts for this account or from your network.';

function accountKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

export type SignInAttempt = { succeeded: () => Promise<void> };

/** Throws 429 (with Retry-After) when the account or the address is throttled. */
export async function beginSignInAttempt(email: string, address: string): Promise<SignInAttempt> {
  const account = accountKey(email);
  const results = await Promise.allSettled([consumeLimit('sign-in-account', account, MESSAGE), consumeLimit('sign-in-address', address, MESSAGE)]);
  const refused = results.find((result) => result.status === 'rejected');
  if (refused) throw refused.reason;
  return {
    succeeded: async () => {
      await Promise.all([resetLimit('sign-in-account', account), rewardLimit('sign-in-address', address)]);
    },
  };
}
