import { randomUUID } from 'node:crypto';
import { ERRORS, type Lock, type Locker, type RequestRelease } from '@tus/server';
import { Redis } from 'ioredis';

/**
 * Upload locks shared by every instance (REDIS_URL). A lock is a Redis key with an owner
 * token and a time to live, renewed while held, so the lock of an instance that dies frees
 * itself within LOCK_TTL_MS. Newer request wins across instances: a request that finds the
 * lock taken publishes a release request; the instance holding it ends its request (tus's
 * requestRelease), unlocks, and announces the release so the waiter proceeds at once.
 */

export const LOCK_TTL_MS = 10_000;
const RENEW_EVERY_MS = LOCK_TTL_MS / 3;
const RETRY_MS = 50;
const ASK_AGAIN_MS = 500;

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

type Held = { token: string; requestRelease: RequestRelease; renew: NodeJS.Timeout };

export class RedisLocker implements Locker {
  readonly held = new Map<string, Held>();
  readonly waiters = new Map<string, Set<() => void>>();
  readonly ready: Promise<unknown>;

  constructor(
    readonly redis: Redis,
    private readonly subscriber: Redis,
    readonly prefix: string,
    readonly acquireTimeoutMs = 30_000,
  ) {
    this.subscriber.on('message', (channel: string, id: string) => {
      if (channel === this.channel('release')) void this.held.get(id)?.requestRelease();
      if (channel === this.channel('freed')) this.waiters.get(id)?.forEach((wake) => wake());
    });
    this.ready = this.subscriber.subscribe(this.channel('release'), this.channel('freed'));
  }

  channel(name: 'release' | 'freed'): string {
    return `${this.prefix}lock-${name}`;
  }

  key(id: string): string {
    return `${this.prefix}lock:${id}`;
  }

  newLock(id: string): Lock {
    return new RedisLock(this, id);
  }

  async close(): Promise<void> {
    for (const held of this.held.values()) clearInterval(held.renew);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}

class RedisLock implements Lock {
  private token: string | undefined;

  constructor(
    private readonly locker: RedisLocker,
    private readonly id: string,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const { locker, id } = this;
    await locker.ready;
    const key = locker.key(id);
    const token = randomUUID();
    const deadline = Date.now() + locker.acquireTimeoutMs;
    let askedAt = 0;
    for (;;) {
      if (signal.aborted || Date.now() > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      if ((await locker.redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') break;
      if (Date.now() - askedAt > ASK_AGAIN_MS) {
        askedAt = Date.now();
        await locker.redis.publish(locker.channel('release'), id);
      }
      await this.waitForRelease(signal);
    }
    this.token = token;
    const renew = setInterval(() => {
      void (locker.redis.eval(RENEW, 1, key, token, String(LOCK_TTL_MS)) as Promise<number>).then(
        // Lost the lock (this process stalled past its time to live): stop writing.
        (renewed) => (renewed === 1 ? undefined : requestRelease()),
        () => undefined,
      );
    }, RENEW_EVERY_MS);
    renew.unref();
    locker.held.set(id, { token, requestRelease, renew });
  }

  async unlock(): Promise<void> {
    const { locker, id } = this;
    const held = locker.held.get(id);
    if (held && held.token === this.token) {
      clearInterval(held.renew);
      locker.held.delete(id);
    }
    await locker.redis.eval(UNLOCK, 1, locker.key(id), this.token ?? '');
    await locker.redis.publish(locker.channel('freed'), id);
  }

  private waitForRelease(signal: AbortSignal): Promise<void> {
    const { waiters } = this.locker;
    return new Promise((resolve) => {
      const set = waiters.get(this.id) ?? new Set();
      waiters.set(this.id, set);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0) waiters.delete(this.id);
        resolve();
      };
      const timer = setTimeout(done, RETRY_MS);
      signal.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }
}

export function createRedisLocker(url: string, prefix: string): RedisLocker {
  const options = { maxRetriesPerRequest: 3, lazyConnect: false };
  return new RedisLocker(new Redis(url, options), new Redis(url, options), prefix);
}
