import { type DetailedError, Upload } from 'tus-js-client';
import { CHUNK_BYTES, digestFromHeader, FileChangedError, pipelinedChunkChecksums } from './file-hash';
import { isOnline } from './is-online';
import type { ResumeStore, StoredUpload } from './resume-store';

/**
 * One file's bytes over tus (the only user of tus-js-client's Upload): the client's options,
 * retries, the per-chunk Upload-Checksum, the server's sha256 from Repr-Digest, and resume
 * through the browser's ResumeStore. It reports what happens; the queue decides what it means.
 */

export const RETRY_DELAYS = [0, 3000, 5000, 10000, 20000];
/** A PATCH whose bytes fail their checksum twice: they are not what the file held when chosen. */
const MAX_CHECKSUM_REFUSALS = 2;
const MEDIA_ID = /^[0-9a-f]{32}$/;

export type TransferEvents = {
  onProgress: (bytesSent: number, total: number) => void;
  /** A failed request is tried again in `delayMs`; `status` is 0 when no answer came. */
  onRetrying: (status: number, delayMs: number) => void;
  /** tus-js-client gave up; `isFileChanged` when the file no longer holds what was chosen. */
  onError: (error: Error | DetailedError, isFileChanged: boolean) => void;
  onSuccess: () => void;
  /** The server named the video (once per new id). */
  onMediaId: (mediaId: string) => void;
  /** The stored upload URL could not be continued (expired, removed): a new upload is minted. */
  onStartOver: () => void;
};

export type TransferOptions = {
  endpoint: string;
  file: File;
  /** Null when the file could not be fingerprinted: no resume after a reload. */
  fingerprint: string | null;
  store: ResumeStore;
  /** The upload a reload or a crash interrupted, to continue. */
  stored: StoredUpload | null;
};

export class TusTransfer {
  private readonly options: TransferOptions;
  private readonly events: TransferEvents;
  private upload: Upload | null = null;
  private stored: StoredUpload | null;
  /** The client gave up (error): the next start uses a fresh client on the same URL. */
  private hasEnded = false;
  /** 460 answers (a PATCH's bytes did not match their checksum) in a row. */
  private checksumRefusals = 0;
  private hasFileChanged = false;
  private mediaId: string | null;
  private sha256: string | null = null;

  constructor(options: TransferOptions, events: TransferEvents) {
    this.options = options;
    this.events = events;
    this.stored = options.stored;
    this.mediaId = options.stored?.mediaId ?? null;
  }

  /** The upload URL, once known (or the stored one, before the first request). */
  get url(): string | null {
    return this.upload?.url ?? this.stored?.uploadUrl ?? null;
  }

  /** The server's sha256 of the complete upload (Repr-Digest on the last PATCH or HEAD). */
  get serverSha256(): string | null {
    return this.sha256;
  }

  /** Starts, or continues from the server's offset. */
  start(): void {
    if (!this.upload || this.hasEnded) {
      const url = this.upload?.url ?? null;
      this.upload = this.createUpload();
      if (url) this.upload.url = url;
      this.hasEnded = false;
    }
    this.upload.start();
  }

  /** Stops sending; what arrived stays on the server. */
  abort(): void {
    void this.upload?.abort();
  }

  private createUpload(): Upload {
    const { endpoint, file, fingerprint, store } = this.options;
    const checksumOf = pipelinedChunkChecksums(file);
    const upload = new Upload(file, {
      endpoint,
      retryDelays: RETRY_DELAYS,
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream', name: file.name },
      // Bounded PATCHes, each with Upload-Checksum: a chunk whose bytes arrive damaged is refused (460) and sent again.
      chunkSize: CHUNK_BYTES,
      fingerprint: () => Promise.resolve(fingerprint ?? ''),
      urlStorage: store,
      storeFingerprintForResuming: fingerprint !== null,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req) => {
        // A stored URL the server no longer knows (expired, removed): tus-js-client mints a new one.
        if (req.getMethod() === 'POST' && this.stored) {
          this.stored = null;
          this.events.onStartOver();
        }
        if (req.getMethod() === 'PATCH') {
          try {
            const checksum = await checksumOf(Number(req.getHeader('Upload-Offset')));
            if (checksum) req.setHeader('Upload-Checksum', checksum);
          } catch (error) {
            if (error instanceof FileChangedError) this.hasFileChanged = true;
            throw error;
          }
        }
      },
      onAfterResponse: (req, res) => {
        const digest = digestFromHeader(res.getHeader('Repr-Digest'));
        if (digest) this.sha256 = digest;
        if (req.getMethod() === 'PATCH' && res.getStatus() !== 460) this.checksumRefusals = 0;
        const mediaId = res.getHeader('Stream-Media-ID');
        const expiresAt = res.getHeader('Upload-Expires');
        if (mediaId && MEDIA_ID.test(mediaId) && this.mediaId !== mediaId) {
          this.mediaId = mediaId;
          if (fingerprint) store.note(fingerprint, { mediaId, fileName: file.name });
          this.events.onMediaId(mediaId);
        }
        if (expiresAt && fingerprint) store.note(fingerprint, { expiresAt });
      },
      onProgress: (sent, total) => this.events.onProgress(sent, total),
      onShouldRetry: (error, attempt) => this.shouldRetry(error, attempt),
      onError: (error) => {
        this.hasEnded = true;
        this.events.onError(error, this.hasFileChanged);
      },
      onSuccess: () => this.events.onSuccess(),
    });
    if (this.stored) upload.resumeFromPreviousUpload(this.stored);
    return upload;
  }

  private shouldRetry(error: DetailedError, attempt: number): boolean {
    // Offline: no point in spending retries; the `online` event picks the upload up again.
    if (!isOnline() || this.hasFileChanged) return false;
    const status = error.originalResponse?.getStatus() ?? 0;
    if (status === 460) {
      this.checksumRefusals += 1;
      if (this.checksumRefusals >= MAX_CHECKSUM_REFUSALS) {
        this.hasFileChanged = true;
        return false;
      }
    }
    if (status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 460) return false;
    this.events.onRetrying(status, RETRY_DELAYS[attempt] ?? 0);
    return true;
  }
}

/** Asks the server to remove an upload's bytes (tus termination); best effort, the URL expires anyway. */
export function terminateUpload(url: string): void {
  Upload.terminate(url, { retryDelays: [0, 1000, 3000] }).catch(() => {});
}
