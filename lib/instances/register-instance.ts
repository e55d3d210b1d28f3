import os from 'node:os';
import { getDb, getDbProvider } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { instanceId } from '@/lib/instance';
import { log } from '@/lib/log/logger';

/**
 * Every app process registers itself in the catalog and keeps a heartbeat. Upload locks
 * live in the process unless REDIS_URL is set, so an instance without Redis refuses to
 * start while another live instance uses the same catalog (and one with Redis refuses to
 * join an instance without it), rather than risk two writers on one upload.
 */

const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 15_000;

export class InstanceConflictError extends Error {
  override name = 'InstanceConflictError';
}

type Row = { id: string; host: string; pid: number; usesRedis: boolean; heartbeatAt: Date };

/** A row of this host whose process is gone is dead, however fresh its heartbeat. */
function isAlive(row: Row, now: number): boolean {
  if (now - row.heartbeatAt.getTime() > STALE_AFTER_MS) return false;
  if (row.host !== os.hostname()) return true;
  try {
    process.kill(row.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(row: Row, now: number): string {
  return `${row.host} pid ${row.pid}, ${row.usesRedis ? 'with' : 'without'} REDIS_URL, last seen ${Math.round((now - row.heartbeatAt.getTime()) / 1000)} s ago`;
}

/** Registers this process; throws InstanceConflictError naming the other instance. Returns a stop function. */
export async function registerInstance(): Promise<() => Promise<void>> {
  const db = getDb();
  const usesRedis = Boolean(getEnv().redisUrl);
  const id = instanceId();
  const isPostgres = getDbProvider() === 'postgresql';
  await db.$transaction(async (tx) => {
    // Serialize registrations: PostgreSQL with an advisory lock, SQLite by writing first.
    if (isPostgres) await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('upstream:instances'))");
    const now = new Date();
    await tx.instance.create({ data: { id, host: os.hostname(), pid: process.pid, usesRedis, heartbeatAt: now } });
    const others = await tx.instance.findMany({ where: { id: { not: id } } });
    const live = others.filter((row) => isAlive(row, now.getTime()));
    const dead = others.filter((row) => !live.includes(row)).map((row) => row.id);
    if (dead.length) await tx.instance.deleteMany({ where: { id: { in: dead } } });
    const conflict = usesRedis ? live.find((row) => !row.usesRedis) : live[0];
    if (conflict) {
      throw new InstanceConflictError(
        usesRedis
          ? `Another Upstream instance uses this database without REDIS_URL (${describe(conflict, now.getTime())}). Set REDIS_URL on every instance, then restart them.`
          : `Another Upstream instance is running on this database (${describe(conflict, now.getTime())}). Without REDIS_URL, upload locks are per process and two instances could corrupt uploads: set REDIS_URL on every instance, or stop the other one.`,
      );
    }
  });

  const beat = setInterval(() => {
    void db.instance
      .upsert({ where: { id }, create: { id, host: os.hostname(), pid: process.pid, usesRedis, heartbeatAt: new Date() }, update: { heartbeatAt: new Date() } })
      .catch((error: unknown) => log.error({ err: error }, 'Instance heartbeat failed'));
  }, HEARTBEAT_MS);
  beat.unref();
  return async () => {
    clearInterval(beat);
    await db.instance.deleteMany({ where: { id } });
  };
}
