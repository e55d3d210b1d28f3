import { EventEmitter } from 'node:events';
import { processSingleton } from '@/lib/process-singleton';

/**
 * In-process wake-ups for the job loops: work found here starts at once instead of at the
 * next poll. Only a shortcut; every loop also polls the database, which is what other
 * processes rely on.
 */
const bus = processSingleton('job-bus', () => new EventEmitter().setMaxListeners(50));

export type JobName = 'processing' | 'webhooks' | 'copy' | 'downloads';

export function wakeJob(name: JobName): void {
  bus.emit(name);
}

export function onWake(name: JobName, listener: () => void): () => void {
  bus.on(name, listener);
  return () => bus.off(name, listener);
}
