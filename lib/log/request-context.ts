import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The request being served, for every log line written while serving it (the custom
 * server runs each request inside it; Next's route handlers run in the same async chain,
 * so their lines carry the request id too).
 */
export type RequestContext = { requestId: string };

export const requestContext = processSingleton('request-context', () => new AsyncLocalStorage<RequestContext>());

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
