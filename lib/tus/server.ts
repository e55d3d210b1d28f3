import { type Locker, Server } from '@tus/server';
import { getEnv } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';
import { TUS_PATH, verifyUploadToken } from '@/lib/uploads/upload-url';
import { markUploadComplete } from '@/lib/videos/upload-transitions';
import { getUploadLocker, getUploadStore } from '@/lib/upload-store/store';
import { log } from '@/lib/log/logger';

/**
 * The embedded @tus/server. Requests reach it only through handleTusRequest, which has
 * already checked the signed URL, the catalog state and the expiry.
 */

const superseded = new WeakSet<object>();

/** True when a newer request on the same upload took this request's lock. */
export function wasSuperseded(request: object): boolean {
  return superseded.has(request);
}

/** The shared locker, noting which request had to give its lock up. */
function lockerFor(request: object): Locker {
  const locker = getUploadLocker();
  return {
    newLock(id) {
      const lock = locker.newLock(id);
      return {
        lock: (signal, requestRelease) =>
          lock.lock(signal, () => {
            superseded.add(request);
            return requestRelease();
          }),
        unlock: () => lock.unlock(),
      };
    },
  };
}

export function getTusServer(): Server {
  return processSingleton('tus-server', () => {
    const server = new Server({
      path: TUS_PATH,
      datastore: getUploadStore(),
      locker: lockerFor,
      // A newer request (or a HEAD from a client whose old connection hangs half-open)
      // takes over at once; the older request stops after writing what it has received.
      lockDrainTimeout: 1,
      maxSize: getEnv().maxUploadBytes,
      allowedOrigins: () => true,
      exposedHeaders: ['Upload-Expires', 'Stream-Media-ID'],
      getFileIdFromRequest: (_request, lastPath) => (lastPath ? verifyUploadToken(lastPath)?.uid : undefined),
      async onUploadFinish(_request, upload) {
        await markUploadComplete(upload.id);
        return {};
      },
      async onResponseError(_request, error) {
        const status = (error as { status_code?: number }).status_code;
        if (status === undefined || (status >= 500 && status !== 507)) log.error({ err: error }, 'tus request failed');
        return undefined;
      },
    });
    return server;
  });
}
