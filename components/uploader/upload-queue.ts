import { type DetailedError, Upload } from 'tus-js-client';
import { checkFile, type FileLimits } from './check-file';
import { describeUploadError } from './describe-error';
import { CHUNK_BYTES, chunkChecksum, digestFromHeader, FileChangedError, hashWholeFile } from './file-hash';
import { fingerprintFile } from './fingerprint';
import { ResumeStore, type StoredUpload } from './resume-store';
import { SpeedMeter } from './speed-meter';

/**
 * The uploader's engine, outside React: a queue of files, one tus upload at a time, with
 * pause, resume, cancel, retry with backoff, waiting out offline spells (tus-js-client gives
 * up once its retries are spent and does not listen for `online`), and resume after a reload
 * from fingerprints kept in the browser. React reads it through useSyncExternalStore.
 *
 * Announcements (the page's polite aria-live region) avoid the words of the items' own status
 * lines ("Upload complete", "Paused", "Cancelled", …), so each of those appears once on the page.
 */

export const RETRY_DELAYS = [0, 3000, 5000, 10000, 20000];

export type UploadPhase =
  | 'checking'
  | 'rejected'
  | 'queued'
  | 'starting'
  | 'uploading'
  | 'retrying'
  | 'offline'
  | 'paused'
  | 'failed'
  | 'complete'
  | 'cancelled'
  | 'interrupted'
  /** The file changed on the device during the upload: stopped rather than store a mix of two files. */
  | 'changed';

export type UploadEntry = {
  id: string;
  name: string;
  size: number;
  phase: UploadPhase;
  /** Whole percent, 0..100. */
  percent: number;
  bytesSent: number;
  /** Bytes per second over the last seconds; null until known. */
  speed: number | null;
  secondsLeft: number | null;
  /** What went wrong (rejected, failed) or what is going on (retrying, starting over). */
  message: string | null;
  mediaId: string | null;
  fingerprint: string | null;
  /** Continues an upload interrupted by a reload or a crash. */
  isResume: boolean;
  /** The server's sha256 of what it stored equals this device's hash of the file. */
  isVerified: boolean;
};

export type QueueConfig = { endpoint: string; userId: string; limits: FileLimits };

type Runtime = {
  file: File | null;
  upload: Upload | null;
  /** The client gave up (error): the next start uses a fresh client on the same URL. */
  hasEnded: boolean;
  stored: StoredUpload | null;
  meter: SpeedMeter;
  milestone: number;
  savedPercent: number;
  hasMarkedProgress: boolean;
  /** This device's sha256 of the whole file, hashed while it uploads. */
  localSha256: Promise<string> | null;
  /** The server's sha256 of the complete upload (Repr-Digest on the last PATCH or HEAD). */
  serverSha256: string | null;
  /** 460 answers (a PATCH's bytes did not match their checksum) in a row. */
  checksumRefusals: number;
  hasFileChanged: boolean;
};

/** Phases that hold the queue's one slot. */
const ACTIVE: ReadonlySet<UploadPhase> = new Set(['starting', 'uploading', 'retrying', 'offline']);
/** Phases with a request on the wire (or about to be). */
const ON_THE_WIRE: ReadonlySet<UploadPhase> = new Set(['starting', 'uploading', 'retrying']);
const FINISHED: ReadonlySet<UploadPhase> = new Set(['complete', 'cancelled', 'rejected', 'changed']);
const FILE_CHANGED_MESSAGE = 'The file changed on your device while it was uploading, so the upload stopped instead of storing a mix of two files. Choose the file again to upload it from the start.';
/** A PATCH whose bytes fail their checksum twice: they are not what the file held when chosen. */
const MAX_CHECKSUM_REFUSALS = 2;
const MEDIA_ID = /^[0-9a-f]{32}$/;

let counter = 0;
const newId = () => `upload-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const isOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false;

export class UploadQueue {
  readonly config: QueueConfig;
  private announcer: ((text: string) => void) | null = null;
  private entries: readonly UploadEntry[] = [];
  private readonly runtime = new Map<string, Runtime>();
  private readonly listeners = new Set<() => void>();
  private readonly store: ResumeStore;
  private hasRestored = false;

  constructor(config: QueueConfig) {
    this.config = config;
    this.store = new ResumeStore(config.userId);
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.handleOffline);
      window.addEventListener('online', this.handleOnline);
    }
  }

  /** The page's aria-live region, while a page shows the queue. */
  setAnnouncer(announcer: ((text: string) => void) | null): void {
    this.announcer = announcer;
  }

  private announce(text: string): void {
    this.announcer?.(text);
  }

  dispose(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.handleOffline);
      window.removeEventListener('online', this.handleOnline);
    }
    for (const rt of this.runtime.values()) void rt.upload?.abort();
  }

  // ---- React's view -------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly UploadEntry[] => this.entries;

  // ---- What the user does -------------------------------------------------------------

  /** Lists the uploads a reload or a crash interrupted (once per page load). */
  async restoreInterrupted(): Promise<void> {
    if (this.hasRestored) return;
    this.hasRestored = true;
    const stored = await this.store.findAllUploads();
    for (const upload of stored) {
      if (this.entries.some((entry) => entry.fingerprint === upload.fingerprint)) continue;
      const id = newId();
      this.runtime.set(id, this.newRuntime(null, upload));
      this.insert({
        ...this.blankEntry(id, upload.fileName || 'Unnamed video', upload.size ?? 0),
        phase: 'interrupted',
        percent: upload.percent,
        mediaId: upload.mediaId,
        fingerprint: upload.fingerprint,
        isResume: true,
      });
    }
  }

  addFiles(files: Iterable<File>): void {
    // Marks for measuring (and for real-user monitoring): choice → first byte on the wire.
    performance.mark('upstream:file-chosen');
    for (const file of files) {
      const id = newId();
      this.runtime.set(id, this.newRuntime(file, null));
      this.insert(this.blankEntry(id, file.name, file.size));
      void this.admit(id, file);
    }
  }

  /** The file for an interrupted upload, chosen again from the item itself. */
  async resumeWith(id: string, file: File): Promise<void> {
    const entry = this.entry(id);
    if (entry?.phase !== 'interrupted') return;
    const fingerprint = await fingerprintFile(file);
    if (fingerprint !== entry.fingerprint) {
      this.update(id, {
        message: `“${file.name}” is not the file this upload was made from (its size or content differ). Choose “${entry.name}” to resume.`,
      });
      return;
    }
    this.takeOver(id, file);
  }

  pause(id: string): void {
    const entry = this.entry(id);
    if (!entry || !(ACTIVE.has(entry.phase) || entry.phase === 'queued')) return;
    void this.runtime.get(id)?.upload?.abort();
    this.update(id, { phase: 'paused', speed: null, secondsLeft: null, message: null });
    this.announce(`${entry.name}: on hold at ${entry.percent}%.`);
    this.pump();
  }

  /** Resume after a pause, or retry after a failure: from the server's offset. */
  resume(id: string): void {
    const entry = this.entry(id);
    if (entry?.phase !== 'paused' && entry?.phase !== 'failed') return;
    this.announce(`${entry.name}: started again.`);
    this.begin(id);
  }

  cancel(id: string): void {
    const entry = this.entry(id);
    const rt = this.runtime.get(id);
    if (!entry || !rt || FINISHED.has(entry.phase) || entry.phase === 'checking') return;
    const url = rt.upload?.url ?? rt.stored?.uploadUrl ?? null;
    void rt.upload?.abort();
    // The server removes the bytes (tus termination); best effort, the URL expires anyway.
    if (url) Upload.terminate(url, { retryDelays: [0, 1000, 3000] }).catch(() => {});
    if (entry.fingerprint) void this.store.forget(entry.fingerprint);
    rt.upload = null;
    rt.file = null;
    this.update(id, { phase: 'cancelled', speed: null, secondsLeft: null, message: null });
    this.announce(`${entry.name}: ended; the server discards what it received.`);
    this.pump();
  }

  remove(id: string): void {
    const entry = this.entry(id);
    if (!entry || !FINISHED.has(entry.phase)) return;
    this.runtime.delete(id);
    this.entries = this.entries.filter((e) => e.id !== id);
    this.emit();
  }

  // ---- Admission: checks before any byte is sent --------------------------------------

  private async admit(id: string, file: File): Promise<void> {
    // Both read only small parts of the file; side by side they cost the slower of the two.
    const [check, fingerprint] = await Promise.all([checkFile(file, this.config.limits), fingerprintFile(file).catch(() => null)]);
    if (!this.entry(id)) return;
    if (!check.isAccepted) {
      this.update(id, { phase: 'rejected', message: check.message });
      return;
    }
    if (fingerprint === null) {
      this.update(id, { phase: 'rejected', message: `“${file.name}” could not be read. It may have been moved or deleted; choose it again.` });
      return;
    }
    const twin = this.entries.find((e) => e.id !== id && e.fingerprint === fingerprint && !FINISHED.has(e.phase));
    if (twin?.phase === 'interrupted') {
      // The same file as an interrupted upload: continue that one instead of starting over.
      this.runtime.delete(id);
      this.entries = this.entries.filter((e) => e.id !== id);
      this.takeOver(twin.id, file);
      return;
    }
    if (twin) {
      this.update(id, { phase: 'rejected', message: `“${file.name}” is already in the list above.` });
      return;
    }
    this.update(id, { phase: 'queued', fingerprint });
    this.pump();
  }

  private takeOver(id: string, file: File): void {
    const rt = this.runtime.get(id);
    const entry = this.entry(id);
    if (!rt || !entry) return;
    rt.file = file;
    this.update(id, { phase: 'queued', message: null });
    this.announce(`${entry.name}: picks up where it stopped, at ${entry.percent}%.`);
    this.pump();
  }

  // ---- Running uploads ----------------------------------------------------------------

  /** Starts the next queued file when nothing else holds the slot. */
  private pump(): void {
    if (this.entries.some((e) => ACTIVE.has(e.phase))) return;
    const next = this.entries.find((e) => e.phase === 'queued');
    if (next) this.begin(next.id);
  }

  private begin(id: string): void {
    const rt = this.runtime.get(id);
    if (!rt?.file) return;
    rt.meter.reset();
    rt.localSha256 ??= this.hashFile(id, rt.file);
    if (!rt.upload || rt.hasEnded) {
      const url = rt.upload?.url ?? null;
      rt.upload = this.createUpload(id, rt.file, rt);
      if (url) rt.upload.url = url;
      rt.hasEnded = false;
    }
    if (!isOnline()) {
      this.update(id, { phase: 'offline', speed: null, secondsLeft: null, message: null });
      return;
    }
    this.update(id, { phase: 'starting', speed: null, secondsLeft: null, message: null });
    rt.upload.start();
  }

  private createUpload(id: string, file: File, rt: Runtime): Upload {
    const fingerprint = this.entry(id)?.fingerprint ?? null;
    const upload = new Upload(file, {
      endpoint: this.config.endpoint,
      retryDelays: RETRY_DELAYS,
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream', name: file.name },
      // Bounded PATCHes, each with Upload-Checksum: a chunk whose bytes arrive damaged is refused (460) and sent again.
      chunkSize: CHUNK_BYTES,
      fingerprint: () => Promise.resolve(fingerprint ?? ''),
      urlStorage: this.store,
      storeFingerprintForResuming: fingerprint !== null,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req) => {
        // A stored URL the server no longer knows (expired, removed): tus-js-client mints a new one.
        if (req.getMethod() === 'POST' && rt.stored) {
          rt.stored = null;
          this.update(id, { message: 'The earlier upload of this file could not be continued (it expired or was removed), so it starts over.' });
        }
        if (req.getMethod() === 'PATCH') {
          try {
            const checksum = await chunkChecksum(file, Number(req.getHeader('Upload-Offset')));
            if (checksum) req.setHeader('Upload-Checksum', checksum);
          } catch (error) {
            if (error instanceof FileChangedError) rt.hasFileChanged = true;
            throw error;
          }
        }
      },
      onAfterResponse: (req, res) => {
        const digest = digestFromHeader(res.getHeader('Repr-Digest'));
        if (digest) rt.serverSha256 = digest;
        if (req.getMethod() === 'PATCH' && res.getStatus() !== 460) rt.checksumRefusals = 0;
        const mediaId = res.getHeader('Stream-Media-ID');
        const expiresAt = res.getHeader('Upload-Expires');
        if (mediaId && MEDIA_ID.test(mediaId) && this.entry(id)?.mediaId !== mediaId) {
          this.update(id, { mediaId });
          if (fingerprint) this.store.note(fingerprint, { mediaId, fileName: file.name });
        }
        if (expiresAt && fingerprint) this.store.note(fingerprint, { expiresAt });
      },
      onProgress: (sent, total) => this.handleProgress(id, sent, total),
      onShouldRetry: (error, attempt) => this.shouldRetry(id, error, attempt),
      onError: (error) => this.handleError(id, error),
      onSuccess: () => this.handleSuccess(id),
    });
    if (rt.stored) upload.resumeFromPreviousUpload(rt.stored);
    return upload;
  }

  private handleProgress(id: string, sent: number, total: number): void {
    const entry = this.entry(id);
    const rt = this.runtime.get(id);
    if (!entry || !rt || !ON_THE_WIRE.has(entry.phase)) return;
    rt.meter.add(sent);
    if (!rt.hasMarkedProgress && sent > 0) {
      rt.hasMarkedProgress = true;
      performance.mark('upstream:first-progress');
    }
    const percent = total > 0 ? Math.min(100, Math.floor((sent * 100) / total)) : 0;
    const speed = rt.meter.bytesPerSecond();
    this.update(id, {
      phase: 'uploading',
      bytesSent: sent,
      percent,
      speed,
      secondsLeft: speed ? (total - sent) / speed : null,
      message: entry.phase === 'retrying' ? null : entry.message,
    });
    const quarter = Math.floor(percent / 25) * 25;
    if (quarter > rt.milestone && quarter > 0 && quarter < 100) {
      rt.milestone = quarter;
      this.announce(`${entry.name}: ${quarter}% uploaded.`);
    }
    if (entry.fingerprint && percent !== rt.savedPercent) {
      rt.savedPercent = percent;
      this.store.note(entry.fingerprint, { percent });
    }
  }

  private shouldRetry(id: string, error: DetailedError, attempt: number): boolean {
    // Offline: no point in spending retries; the `online` event picks the upload up again.
    if (!isOnline()) return false;
    const rt = this.runtime.get(id);
    if (!rt || rt.hasFileChanged) return false;
    const status = error.originalResponse?.getStatus() ?? 0;
    if (status === 460) {
      rt.checksumRefusals += 1;
      if (rt.checksumRefusals >= MAX_CHECKSUM_REFUSALS) {
        rt.hasFileChanged = true;
        return false;
      }
    }
    if (status >= 400 && status < 500 && status !== 409 && status !== 423 && status !== 460) return false;
    const delay = RETRY_DELAYS[attempt] ?? 0;
    const trouble =
      status === 0
        ? 'The connection dropped.'
        : status === 460
          ? 'Some bytes arrived damaged.'
          : status >= 500
            ? 'The server had a problem.'
            : 'The server was busy with this upload.';
    this.update(id, {
      phase: 'retrying',
      speed: null,
      secondsLeft: null,
      message: `${trouble} Trying again${delay > 0 ? ` in ${delay / 1000} s` : ''}…`,
    });
    return true;
  }

  private handleError(id: string, error: Error | DetailedError): void {
    const entry = this.entry(id);
    const rt = this.runtime.get(id);
    if (!entry || !rt || !ON_THE_WIRE.has(entry.phase)) return;
    rt.hasEnded = true;
    if (rt.hasFileChanged) {
      this.stopChanged(id);
      return;
    }
    if (!isOnline()) {
      this.update(id, { phase: 'offline', speed: null, secondsLeft: null, message: null });
      return;
    }
    this.update(id, { phase: 'failed', speed: null, secondsLeft: null, message: describeUploadError(error) });
    this.pump();
  }

  private handleSuccess(id: string): void {
    const entry = this.entry(id);
    const rt = this.runtime.get(id);
    if (!entry || !rt) return;
    if (entry.fingerprint) void this.store.forget(entry.fingerprint);
    rt.upload = null;
    rt.file = null;
    // "Finishing…" until this device's hash of the file is compared with the server's.
    this.update(id, { phase: 'uploading', percent: 100, bytesSent: entry.size, speed: null, secondsLeft: null });
    void this.verify(id, rt).then((outcome) => {
      if (outcome === 'changed') {
        this.stopChanged(id);
        return;
      }
      this.update(id, { phase: 'complete', isVerified: outcome === 'verified', speed: null, secondsLeft: null, message: null });
      this.announce(`${entry.name}: finished uploading.`);
      this.pump();
    });
  }

  /** Compares the server's sha256 of the stored upload with this device's hash of the file. */
  private async verify(id: string, rt: Runtime): Promise<'verified' | 'changed' | 'unknown'> {
    const local = await rt.localSha256?.catch((error: unknown) => (error instanceof FileChangedError ? 'changed' : null));
    if (local === 'changed') return 'changed';
    if (!local || !rt.serverSha256) return 'unknown';
    return local === rt.serverSha256 ? 'verified' : 'changed';
  }

  private hashFile(id: string, file: File): Promise<string> {
    const hashing = hashWholeFile(file);
    hashing.catch((error: unknown) => {
      const rt = this.runtime.get(id);
      if (!(error instanceof FileChangedError) || !rt) return;
      // The file cannot be read as it was chosen: stop now rather than send what it holds now.
      rt.hasFileChanged = true;
      void rt.upload?.abort();
      const phase = this.entry(id)?.phase;
      if (phase && !FINISHED.has(phase)) this.stopChanged(id);
    });
    return hashing;
  }

  private stopChanged(id: string): void {
    const rt = this.runtime.get(id);
    const entry = this.entry(id);
    if (!rt || !entry) return;
    if (entry.fingerprint) void this.store.forget(entry.fingerprint);
    rt.upload = null;
    rt.file = null;
    this.update(id, { phase: 'changed', speed: null, secondsLeft: null, message: FILE_CHANGED_MESSAGE });
    this.announce(`${entry.name}: stopped, the file changed.`);
    this.pump();
  }

  private handleOffline = (): void => {
    const cut = this.entries.filter((e) => ON_THE_WIRE.has(e.phase));
    for (const entry of cut) {
      // Stop now rather than let requests hang or spend the retries: bytes that arrived are kept.
      void this.runtime.get(entry.id)?.upload?.abort();
      this.update(entry.id, { phase: 'offline', speed: null, secondsLeft: null, message: null });
    }
    if (cut.length > 0) this.announce('The connection is gone. Uploads carry on by themselves once it is back.');
  };

  private handleOnline = (): void => {
    const waiting = this.entries.filter((e) => e.phase === 'offline');
    if (waiting.length > 0) this.announce('Back online: continuing uploads.');
    for (const entry of waiting) this.begin(entry.id);
    this.pump();
  };

  // ---- State --------------------------------------------------------------------------

  private newRuntime(file: File | null, stored: StoredUpload | null): Runtime {
    return {
      file,
      upload: null,
      hasEnded: false,
      stored,
      meter: new SpeedMeter(),
      milestone: 0,
      savedPercent: -1,
      hasMarkedProgress: false,
      localSha256: null,
      serverSha256: null,
      checksumRefusals: 0,
      hasFileChanged: false,
    };
  }

  private blankEntry(id: string, name: string, size: number): UploadEntry {
    return {
      id,
      name,
      size,
      phase: 'checking',
      percent: 0,
      bytesSent: 0,
      speed: null,
      secondsLeft: null,
      message: null,
      mediaId: null,
      fingerprint: null,
      isResume: false,
      isVerified: false,
    };
  }

  private entry(id: string): UploadEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  private insert(entry: UploadEntry): void {
    this.entries = [...this.entries, entry];
    this.emit();
  }

  private update(id: string, patch: Partial<UploadEntry>): void {
    this.entries = this.entries.map((e) => (e.id === id ? { ...e, ...patch } : e));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

let shared: UploadQueue | null = null;

/**
 * One queue per page load and user: uploads keep going while the user looks at other pages
 * of the app, and the uploader shows them again on coming back.
 */
export function getUploadQueue(config: QueueConfig): UploadQueue {
  if (typeof window === 'undefined') return new UploadQueue(config); // server render: an empty list
  const same =
    shared &&
    shared.config.userId === config.userId &&
    shared.config.endpoint === config.endpoint &&
    shared.config.limits.maxUploadBytes === config.limits.maxUploadBytes &&
    shared.config.limits.maxDurationSeconds === config.limits.maxDurationSeconds;
  if (!same) {
    shared?.dispose();
    shared = new UploadQueue(config);
  }
  return shared!;
}
