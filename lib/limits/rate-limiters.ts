import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The app's rate limits (rate-limiter-flexible): counters in this process on the embedded
 * default, in Redis when REDIS_URL is set so every instance counts together. While Redis is
 * unreachable each instance falls back to its own memory counters (the insurance limiter):
 * limits still hold, per instance.
 */

export type LimitName = 'sign-in-account' | 'sign-in-address' | 'sign-up-address' | 'mint';

function limitOptions(name: LimitName): { points: number; duration: number } {
  const { limits } = getEnv();
  switch (name) {
    case 'sign-in-account':
      return { points: limits.signInFailuresPerAccount, duration: limits.signInWindowSeconds };
    case 'sign-in-address':
      return { points: limits.signInFailuresPerAddress, duration: limits.signInWindowSeconds };
    case 'sign-up-address':
      return { points: limits.signUpsPerAddressPerHour, duration: 3600 };
    case 'mint':
      return { points: limits.mintsPerMinute, duration: 60 };
  }
}

function limitsRedis(url: string): Redis {
  // Commands wait for the connection (the first requests after start count in Redis too); while
  // Redis is down a check fails after one retry and the insurance limiter answers.
  return processSingleton('limits-redis', () => new Redis(url, { maxRetriesPerRequest: 1 }));
}

function getLimiter(name: LimitName): RateLimiterAbstract {
  return processSingleton(`rate-limiter:${name}`, () => {
    const env = getEnv();
    const options = { ...limitOptions(name), keyPrefix: `${env.redisKeyPrefix}limit:${name}` };
    if (!env.redisUrl) return new RateLimiterMemory(options);
    return new RateLimiterRedis({ ...options, storeClient: limitsRedis(env.redisUrl), insuranceLimiter: new RateLimiterMemory(options) });
  });
}

function retryAfterSeconds(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export function tooManyRequests(message: string, seconds: number): AppError {
  return new AppError('TOO_MANY_REQUESTS', `${message} Try again in ${describeWait(seconds)}.`, { 'Retry-After': String(seconds) });
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Counts one action for `key`; past the limit throws 429 with Retry-After (the action must not run). */
export async function consumeLimit(name: LimitName, key: string, message: string): Promise<void> {
  try {
    await getLimiter(name).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooManyRequests(message, retryAfterSeconds(error));
    throw error;
  }
}

/** Gives back one counted action (it turned out not to count, e.g. a successful sign-in). */
export async function rewardLimit(name: LimitName, key: string): Promise<void> {
  await getLimiter(name).reward(key, 1);
}

/** Forgets every counted action of `key`. */
export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await getLimiter(name).delete(key);
}
