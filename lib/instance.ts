import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';

/** This process's name in job claims: host, pid and a random part (pids repeat after restarts). */
export function instanceId(): string {
  return processSingleton('instance-id', () => `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`);
}

const listening = processSingleton('listen-origin', () => ({ origin: '' }));

/** server.ts records where it listens, for links in background work (webhooks) when PUBLIC_URL is unset. */
export function setListenOrigin(origin: string): void {
  listening.origin = origin;
}

/** The origin for links made outside a request: PUBLIC_URL, else where this process listens. */
export function backgroundOrigin(): string {
  const env = getEnv();
  return env.publicUrl ?? (listening.origin || `http://localhost:${env.port}`);
}
