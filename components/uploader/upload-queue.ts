import { checkFile, type FileLimits } from './check-file';
import { describeUploadError, isSignedOutError } from './describe-error';
import { compareWithServer, FileChangedError, hashWholeFile } from './file-hash';
import { fingerprintFile } from './fingerprint';
import { followVideo, type VideoProgress } from './follow-video';
import { isOnline } from './is-online';
import { makeThumbnail } from './make-thumbnail';
import { ResumeStore, type StoredUpload } from './resume-store';
import { SpeedMeter } from './speed-meter';
import { terminateUpload, TusTransfer } from './tus-transfer';
import { UploadAnnouncer } from './upload-announcer';
import { describeAlreadyListed, describeNotTheSameFile, describeRetry, describeUnreadable, STARTS_OVER_MESSAGE } from './upload-messages';
import { accepts, canDo, newUploadEntry, transition, UPLOAD_PHASES, type UploadAction, type UploadEntry, type UploadEvent } from './upload-phases';

/**
 * The uploader's coordinator, outside React: a list of files uploaded one at a time in the
 * order chosen. Each step of a file goes through its phase table (upload-phases.ts); the bytes
 * go through tus (tus-transfer.ts); what is worth saying goes to the live region
 * (upload-announcer.ts). Offline spells are waited out here: tus-js-client gives up once its
 * retries are spent and does not listen for `online`. After the last byte it follows the video
 * on the server (follow-video.ts) until it is ready or failed. React reads it through
 * useSyncExternalStore.
 */

/** `accountId`: the account of the Cloudflare-shaped routes, where a video's state is read. */
export type QueueConfig = { endpoint: string; userId: string; accountId: string; limits: FileLimits };

/** One file in the list: its state, and what the browser holds for it. */
type Job = {
  state: UploadEntry;
  file: File | null;
  /** The upload a reload or a crash interrupted, until a transfer takes it over. */
  stored: StoredUpload | null;
  transfer: TusTransfer | null;
  meter: SpeedMeter;
  /** The last quarter announced (each once, even if a fresh start passes it again). */
  milestone: number;
  /** The percent last written to the resume store. */
  savedPercent: number;
  hasMarkedProgress: boolean;
  /** This device's sha256 of the whole file, hashed while it uploads. */
  localSha256: Promise<string> | null;
  /** Stops following the video's state on the server. */
  unfollow: (() => void) | null;
};

let counter = 0;
const newId = () => `upload-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export class UploadQueue {
  readonly config: QueueConfig;
  private readonly announcer = new UploadAnnouncer();
  private jobs: readonly Job[] = [];
  /** What React sees: the jobs' states, a new array after each change. */
  private entries: readonly UploadEntry[] = [];
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
    this.announcer.setSink(announcer);
  }

  dispose(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.handleOffline);
      window.removeEventListener('online', this.handleOnline);
    }
    for (const job of this.jobs) {
      job.transfer?.abort();
      job.unfollow?.();
    }
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
      if (this.jobs.some((job) => job.state.fingerprint === upload.fingerprint)) continue;
      const entry = newUploadEntry(newId(), upload.fileName || 'Unnamed video', upload.size ?? 0);
      this.add(
        { ...entry, phase: 'interrupted', percent: upload.percent, mediaId: upload.mediaId, fingerprint: upload.fingerprint, isResume: true },
        null,
        upload,
      );
    }
  }

  addFiles(files: Iterable<File>): void {
    // Marks for measuring (and for real-user monitoring): choice → first byte on the wire.
    performance.mark('upstream:file-chosen');
    for (const file of files) {
      const job = this.add(newUploadEntry(newId(), file.name, file.size), file, null);
      void this.admit(job, file);
    }
  }

  /** The file for an interrupted upload, chosen again from the item itself. */
  async resumeWith(id: string, file: File): Promise<void> {
    const job = this.find(id);
    if (!job || !canDo(job.state.phase, 'choose-again')) return;
    const fingerprint = await fingerprintFile(file);
    if (fingerprint !== job.state.fingerprint) {
      this.apply(job, { type: 'note', message: describeNotTheSameFile(file.name, job.state.name) });
      return;
    }
    this.takeOver(job, file);
  }

  pause(id: string): void {
    const job = this.find(id);
    if (!job || !canDo(job.state.phase, 'pause')) return;
    job.transfer?.abort();
    this.apply(job, { type: 'pause' });
    this.announcer.paused(job.state.name, job.state.percent);
    this.pump();
  }

  /** Resume after a pause, or retry after a failure: from the server's offset. */
  resume(id: string): void {
    const job = this.find(id);
    if (!job || !(canDo(job.state.phase, 'resume') || canDo(job.state.phase, 'retry'))) return;
    this.announcer.startedAgain(job.state.name);
    this.begin(job);
  }

  cancel(id: string): void {
    const job = this.find(id);
    if (!job || !canDo(job.state.phase, 'cancel')) return;
    this.end(job);
    this.announcer.cancelled(job.state.name);
    this.pump();
  }

  remove(id: string): void {
    const job = this.find(id);
    if (!job || !canDo(job.state.phase, 'remove')) return;
    job.unfollow?.();
    this.jobs = this.jobs.filter((other) => other !== job);
    this.emit();
  }

  // ---- The whole list -------------------------------------------------------------------

  /** Pause all: the one on the wire and every one waiting, so none starts meanwhile. */
  pauseAll(): void {
    const held = this.withAction('pause');
    for (const job of held) {
      job.transfer?.abort();
      this.apply(job, { type: 'pause' });
    }
    if (held.length > 0) this.announcer.pausedAll();
  }

  /** Resume all: the paused go back in line in list order, one at a time as before. */
  resumeAll(): void {
    const paused = this.withAction('resume');
    for (const job of paused) this.apply(job, { type: 'requeue' });
    if (paused.length > 0) this.announcer.resumedAll();
    this.pump();
  }

  cancelAll(): void {
    const ended = this.withAction('cancel');
    for (const job of ended) this.end(job);
    if (ended.length > 0) this.announcer.cancelledAll(ended.length);
  }

  /** Clear finished: removes the rows of uploads that are over (complete, ready, failed, cancelled, refused). */
  clearFinished(): void {
    const done = this.jobs.filter((job) => UPLOAD_PHASES[job.state.phase].isFinished);
    if (done.length === 0) return;
    for (const job of done) job.unfollow?.();
    this.jobs = this.jobs.filter((job) => !done.includes(job));
    this.emit();
    this.announcer.cleared(done.length);
  }

  // ---- Admission: checks before any byte is sent --------------------------------------

  private async admit(job: Job, file: File): Promise<void> {
    // Both read only small parts of the file; side by side they cost the slower of the two.
    const [check, fingerprint] = await Promise.all([checkFile(file, this.config.limits), fingerprintFile(file).catch(() => null)]);
    if (!this.jobs.includes(job)) return;
    if (!check.isAccepted) {
      this.refuse(job, check.message);
      return;
    }
    if (fingerprint === null) {
      this.refuse(job, describeUnreadable(file.name));
      return;
    }
    const twin = this.jobs.find((other) => other !== job && other.state.fingerprint === fingerprint && !UPLOAD_PHASES[other.state.phase].isFinished);
    if (twin && canDo(twin.state.phase, 'choose-again')) {
      // The same file as an interrupted upload: continue that one instead of starting over.
      this.jobs = this.jobs.filter((other) => other !== job);
      this.takeOver(twin, file);
      return;
    }
    if (twin) {
      this.refuse(job, describeAlreadyListed(file.name));
      return;
    }
    this.apply(job, { type: 'accept', fingerprint });
    void makeThumbnail(file).then((thumbnail) => this.setThumbnail(job, thumbnail));
    this.pump();
  }

  /** Refused before upload; the files after it in line may go now. */
  private refuse(job: Job, message: string): void {
    this.apply(job, { type: 'reject', message });
    this.pump();
  }

  private takeOver(job: Job, file: File): void {
    if (!this.apply(job, { type: 'pick-up' })) return;
    job.file = file;
    this.announcer.pickedUp(job.state.name, job.state.percent);
    this.pump();
  }

  // ---- Running uploads ----------------------------------------------------------------

  /**
   * Starts the next file in the order chosen when nothing else holds the slot. A file still
   * being checked keeps its place: the files after it wait, even if their checks end first.
   */
  private pump(): void {
    if (this.jobs.some((job) => UPLOAD_PHASES[job.state.phase].holdsSlot)) return;
    const next = this.jobs.find((job) => UPLOAD_PHASES[job.state.phase].keepsPlace);
    if (next?.state.phase === 'queued') this.begin(next);
  }

  /** Its turn, a Resume or Retry (`start`), or the network back (`online`). */
  private begin(job: Job, event: 'start' | 'online' = 'start'): void {
    const file = job.file;
    if (!file) return;
    const isUp = isOnline();
    if (!this.apply(job, isUp ? { type: event } : { type: 'wait-for-network' })) return;
    job.meter.reset();
    job.localSha256 ??= this.hashFile(job, file);
    if (!isUp) return;
    job.transfer ??= this.createTransfer(job, file);
    job.transfer.start();
  }

  private createTransfer(job: Job, file: File): TusTransfer {
    const transfer = new TusTransfer(
      { endpoint: this.config.endpoint, file, fingerprint: job.state.fingerprint, store: this.store, stored: job.stored },
      {
        onProgress: (sent, total) => this.handleProgress(job, sent, total),
        onRetrying: (status, delayMs) => this.apply(job, { type: 'retrying', message: describeRetry(status, delayMs) }),
        onError: (error, isFileChanged) => this.handleError(job, error, isFileChanged),
        onSuccess: () => this.handleSuccess(job),
        onMediaId: (mediaId) => this.apply(job, { type: 'media-id', mediaId }),
        onStartOver: () => this.apply(job, { type: 'note', message: STARTS_OVER_MESSAGE }),
      },
    );
    job.stored = null;
    return transfer;
  }

  private handleProgress(job: Job, sent: number, total: number): void {
    if (!accepts(job.state.phase, 'progress')) return;
    job.meter.add(sent);
    if (!job.hasMarkedProgress && sent > 0) {
      job.hasMarkedProgress = true;
      performance.mark('upstream:first-progress');
    }
    this.apply(job, { type: 'progress', bytesSent: sent, total, speed: job.meter.bytesPerSecond() });
    const { name, percent, fingerprint } = job.state;
    const quarter = Math.floor(percent / 25) * 25;
    if (quarter > job.milestone && quarter > 0 && quarter < 100) {
      job.milestone = quarter;
      this.announcer.reachedQuarter(name, quarter);
    }
    if (fingerprint && percent !== job.savedPercent) {
      job.savedPercent = percent;
      this.store.note(fingerprint, { percent });
    }
  }

  private handleError(job: Job, error: Error, isFileChanged: boolean): void {
    if (!accepts(job.state.phase, 'error')) return;
    if (isFileChanged) {
      this.stopChanged(job);
      return;
    }
    if (!isOnline()) {
      this.apply(job, { type: 'offline' });
      return;
    }
    this.apply(job, { type: 'error', message: describeUploadError(error), needsSignIn: isSignedOutError(error) });
    this.pump();
  }

  private handleSuccess(job: Job): void {
    if (!accepts(job.state.phase, 'success')) return;
    if (job.state.fingerprint) void this.store.forget(job.state.fingerprint);
    const serverSha256 = job.transfer?.serverSha256 ?? null;
    const localSha256 = job.localSha256;
    this.release(job);
    // "Finishing…" until this device's hash of the file is compared with the server's.
    this.apply(job, { type: 'success' });
    void compareWithServer(localSha256, serverSha256).then((outcome) => {
      if (outcome === 'changed') {
        this.stopChanged(job);
        return;
      }
      if (!this.apply(job, { type: 'verified', isVerified: outcome === 'verified' })) return;
      this.announcer.finished(job.state.name);
      this.follow(job);
      this.pump();
    });
  }

  /** After the last byte: the video's state on the server, until ready or failed. */
  private follow(job: Job): void {
    const { mediaId } = job.state;
    if (!mediaId || job.unfollow) return;
    const url = `/client/v4/accounts/${encodeURIComponent(this.config.accountId)}/stream/${mediaId}`;
    job.unfollow = followVideo(url, (progress) => this.handleVideoProgress(job, progress));
  }

  private handleVideoProgress(job: Job, progress: VideoProgress): void {
    if (!this.jobs.includes(job)) {
      job.unfollow?.();
      return;
    }
    switch (progress.kind) {
      case 'processing':
        this.apply(job, { type: 'processing', percent: progress.percent });
        return;
      case 'ready':
        if (this.apply(job, { type: 'ready' })) this.announcer.readyToWatch(job.state.name);
        return;
      case 'error':
        if (this.apply(job, { type: 'processing-error', message: progress.message })) this.announcer.cannotBeProcessed(job.state.name);
        return;
      case 'lost':
        this.apply(job, { type: 'note', message: progress.message });
        return;
    }
  }

  private hashFile(job: Job, file: File): Promise<string> {
    const hashing = hashWholeFile(file);
    // The file cannot be read as it was chosen: stop now rather than send what it holds now.
    // (Any other failure leaves the upload unverified, not stopped.)
    hashing.catch((error: unknown) => {
      if (error instanceof FileChangedError) this.stopChanged(job);
    });
    return hashing;
  }

  private stopChanged(job: Job): void {
    if (!accepts(job.state.phase, 'file-changed')) return;
    if (job.state.fingerprint) void this.store.forget(job.state.fingerprint);
    job.transfer?.abort();
    this.release(job);
    this.apply(job, { type: 'file-changed' });
    this.announcer.fileChanged(job.state.name);
    this.pump();
  }

  private handleOffline = (): void => {
    const cut = this.jobs.filter((job) => accepts(job.state.phase, 'offline'));
    for (const job of cut) {
      // Stop now rather than let requests hang or spend the retries: bytes that arrived are kept.
      job.transfer?.abort();
      this.apply(job, { type: 'offline' });
    }
    if (cut.length > 0) this.announcer.wentOffline();
  };

  private handleOnline = (): void => {
    const waiting = this.jobs.filter((job) => accepts(job.state.phase, 'online'));
    if (waiting.length > 0) this.announcer.cameOnline();
    for (const job of waiting) this.begin(job, 'online');
    this.pump();
  };

  // ---- State --------------------------------------------------------------------------

  private add(state: UploadEntry, file: File | null, stored: StoredUpload | null): Job {
    const job: Job = {
      state,
      file,
      stored,
      transfer: null,
      meter: new SpeedMeter(),
      milestone: 0,
      savedPercent: -1,
      hasMarkedProgress: false,
      localSha256: null,
      unfollow: null,
    };
    this.jobs = [...this.jobs, job];
    this.emit();
    return job;
  }

  /** Cancel: stops the bytes, and the server removes those it has (tus termination). No pump. */
  private end(job: Job): void {
    const url = job.transfer?.url ?? job.stored?.uploadUrl ?? null;
    job.transfer?.abort();
    if (url) terminateUpload(url);
    if (job.state.fingerprint) void this.store.forget(job.state.fingerprint);
    this.release(job);
    this.apply(job, { type: 'cancel' });
  }

  /** The jobs whose item offers this action now, in list order. */
  private withAction(action: UploadAction): Job[] {
    return this.jobs.filter((job) => canDo(job.state.phase, action));
  }

  /** Not a phase matter: the frame shows whatever the upload is doing. */
  private setThumbnail(job: Job, thumbnail: string | null): void {
    if (!thumbnail || !this.jobs.includes(job)) return;
    job.state = { ...job.state, thumbnail };
    this.emit();
  }

  /** Done with the bytes: lets go of the file and the tus client. */
  private release(job: Job): void {
    job.transfer = null;
    job.file = null;
  }

  private find(id: string): Job | undefined {
    return this.jobs.find((job) => job.state.id === id);
  }

  /** Moves a listed job by its phase table; false when the phase refuses the event (or the job is gone). */
  private apply(job: Job, event: UploadEvent): boolean {
    if (!this.jobs.includes(job)) return false;
    const next = transition(job.state, event);
    if (!next) return false;
    job.state = next;
    this.emit();
    return true;
  }

  private emit(): void {
    this.entries = this.jobs.map((job) => job.state);
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
    shared.config.accountId === config.accountId &&
    shared.config.limits.maxUploadBytes === config.limits.maxUploadBytes &&
    shared.config.limits.maxDurationSeconds === config.limits.maxDurationSeconds;
  if (!same) {
    shared?.dispose();
    shared = new UploadQueue(config);
  }
  return shared!;
}
