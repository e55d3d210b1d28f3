import { getDb } from '@/lib/db/client';
import { instanceId } from '@/lib/instance';
import { STALE_AFTER_MS } from '@/lib/instances/register-instance';

export type InstanceRow = { id: string; host: string; pid: number; usesRedis: boolean; startedAt: Date; heartbeatAt: Date; isThis: boolean; isAlive: boolean };

/** Every registered app process (this one first) with its heartbeat; one not heard from for 15 s is presumed dead. */
export async function readInstances(now = new Date()): Promise<InstanceRow[]> {
  const me = instanceId();
  const rows = await getDb().instance.findMany({ orderBy: { startedAt: 'asc' } });
  return rows
    .map((row) => ({ ...row, isThis: row.id === me, isAlive: now.getTime() - row.heartbeatAt.getTime() <= STALE_AFTER_MS }))
    .sort((a, b) => Number(b.isThis) - Number(a.isThis));
}
