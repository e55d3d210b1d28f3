/**
 * One upload's phases as a table, and the pure step from one state to the next. No DOM, no
 * tus, no timers: the queue feeds it what happened (a user action, a tus callback, the network
 * going away), the item reads from it what a person may do, and the unit tests check it whole.
 *
 * After the last byte the same table follows the video on the server (complete → processing →
 * ready, or processing-failed): the queue polls the video's state and feeds it in as events.
 *
 * An event a phase does not list is refused (`transition` answers null): that is how a late
 * callback (progress after a pause, a verdict after a cancel) is kept from moving an upload
 * that has already moved on.
 */

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
  /** Every byte is stored; this device's hash of the file is being compared with the server's ("Finishing…"). */
  | 'verifying'
  /** Every byte stored (and checked): "Upload complete"; what the server makes of it is not known yet. */
  | 'complete'
  /** The server has the video queued or encoding ("Processing…", "Encoding — 40%"). */
  | 'processing'
  /** The server can stream it. */
  | 'ready'
  /** The server could not make a video of it (not a video, damaged, too long): its reason in words. */
  | 'processing-failed'
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
  /** The server's encoding progress in whole percent; null while queued or not known. */
  processingPercent: number | null;
  /** The server said the session is gone (401): the item offers a sign-in link. */
  needsSignIn: boolean;
  /**
   * A frame of the file (a data: URL), made in the browser; null until made, or when the
   * browser cannot decode the file. Not a phase matter: the queue sets it directly.
   */
  thumbnail: string | null;
};

export type UploadEvent =
  /** The checks passed: the file waits for its turn. */
  | { type: 'accept'; fingerprint: string }
  /** Not a video, too large or too long, unreadable, or already in the list. */
  | { type: 'reject'; message: string }
  /** Its turn (or Resume, or Retry) with the network up. */
  | { type: 'start' }
  /** Its turn (or Resume, or Retry) while the device is offline: it waits for `online`. */
  | { type: 'wait-for-network' }
  /** The same file chosen again for an interrupted upload. */
  | { type: 'pick-up' }
  | { type: 'pause' }
  /** Resume all: a paused upload goes back in line, in its place in the list. */
  | { type: 'requeue' }
  | { type: 'cancel' }
  | { type: 'progress'; bytesSent: number; total: number; speed: number | null }
  /** tus-js-client tries again after a failed request. */
  | { type: 'retrying'; message: string }
  /** tus-js-client gave up; `needsSignIn` when the server said the session is gone. */
  | { type: 'error'; message: string; needsSignIn?: boolean }
  /** The connection went away with a request on the wire (or about to be). */
  | { type: 'offline' }
  | { type: 'online' }
  /** The server has every byte. */
  | { type: 'success' }
  /** The comparison of hashes ended: equal (verified), or nothing to compare with (not verified). */
  | { type: 'verified'; isVerified: boolean }
  /** The file cannot be read as it was chosen, or the stored bytes are not the file's. */
  | { type: 'file-changed' }
  /** Something to say without changing phase (the wrong file chosen again, a stored URL that is gone). */
  | { type: 'note'; message: string }
  /** The server named the video this upload becomes. */
  | { type: 'media-id'; mediaId: string }
  /** The server has the video queued (`percent` null) or encoding. */
  | { type: 'processing'; percent: number | null }
  /** The server can stream the video. */
  | { type: 'ready' }
  /** The server could not process the video; its reason in words. */
  | { type: 'processing-error'; message: string };

export type UploadEventType = UploadEvent['type'];

/** What the item offers a person; `resume` and `retry` both send `start`. */
export type UploadAction = 'pause' | 'resume' | 'retry' | 'cancel' | 'remove' | 'choose-again';

type PhaseRule = {
  /** Holds the queue's one slot: the next file waits until this one leaves the phase. */
  holdsSlot: boolean;
  /**
   * Keeps its place in line: no file after it in the list starts before it does (files start
   * in the order chosen, not in the order their checks end).
   */
  keepsPlace: boolean;
  /**
   * The upload is over: removable (one by one or by "Clear finished"), and no twin for a file
   * chosen again. Takes no upload event; complete and processing still hear from the server.
   */
  isFinished: boolean;
  showsProgress: boolean;
  /** Its message is an error (role="alert"). */
  isError: boolean;
  actions: readonly UploadAction[];
  /** Where each accepted event leads. */
  on: Partial<Record<UploadEventType, UploadPhase>>;
};

type Moves = PhaseRule['on'];

/**
 * Requests are on the wire (or about to be): progress, retries, errors, the end. The last
 * response can land after a pause or an offline spell aborted its request, so those phases
 * take `success`, `note` and `media-id` too: every byte is stored all the same.
 */
function onTheWire(self: UploadPhase): Moves {
  return {
    progress: 'uploading',
    retrying: 'retrying',
    error: 'failed',
    offline: 'offline',
    success: 'verifying',
    pause: 'paused',
    cancel: 'cancelled',
    'file-changed': 'changed',
    note: self,
    'media-id': self,
  };
}

/** Finished: nothing moves it any more; it may be removed from the list. */
function finished(rule: Pick<PhaseRule, 'showsProgress' | 'isError'>): PhaseRule {
  return { ...rule, holdsSlot: false, keepsPlace: false, isFinished: true, actions: ['remove'], on: {} };
}

/** Every byte is stored; the server's word on the video moves it on. */
function followingTheServer(self: UploadPhase): PhaseRule {
  return {
    holdsSlot: false,
    keepsPlace: false,
    isFinished: true,
    showsProgress: true,
    isError: false,
    actions: ['remove'],
    on: { processing: 'processing', ready: 'ready', 'processing-error': 'processing-failed', note: self },
  };
}

export const UPLOAD_PHASES: Readonly<Record<UploadPhase, PhaseRule>> = {
  checking: { holdsSlot: false, keepsPlace: true, isFinished: false, showsProgress: false, isError: false, actions: [], on: { accept: 'queued', reject: 'rejected' } },
  rejected: finished({ showsProgress: false, isError: true }),
  queued: {
    holdsSlot: false,
    keepsPlace: true,
    isFinished: false,
    showsProgress: true,
    isError: false,
    // Pause (and Pause all) takes it out of line, so the queue does not start it meanwhile.
    actions: ['pause', 'cancel'],
    on: { start: 'starting', 'wait-for-network': 'offline', pause: 'paused', cancel: 'cancelled' },
  },
  starting: { holdsSlot: true, keepsPlace: false, isFinished: false, showsProgress: true, isError: false, actions: ['pause', 'cancel'], on: onTheWire('starting') },
  uploading: { holdsSlot: true, keepsPlace: false, isFinished: false, showsProgress: true, isError: false, actions: ['pause', 'cancel'], on: onTheWire('uploading') },
  retrying: { holdsSlot: true, keepsPlace: false, isFinished: false, showsProgress: true, isError: false, actions: ['pause', 'cancel'], on: onTheWire('retrying') },
  offline: {
    // Holds the slot: the next file would only find the same lack of network.
    holdsSlot: true,
    keepsPlace: false,
    isFinished: false,
    showsProgress: true,
    isError: false,
    actions: ['pause', 'cancel'],
    on: { online: 'starting', pause: 'paused', cancel: 'cancelled', 'file-changed': 'changed', success: 'verifying', note: 'offline', 'media-id': 'offline' },
  },
  paused: {
    holdsSlot: false,
    keepsPlace: false,
    isFinished: false,
    showsProgress: true,
    isError: false,
    actions: ['resume', 'cancel'],
    on: { start: 'starting', 'wait-for-network': 'offline', requeue: 'queued', cancel: 'cancelled', 'file-changed': 'changed', success: 'verifying', note: 'paused', 'media-id': 'paused' },
  },
  failed: {
    holdsSlot: false,
    keepsPlace: false,
    isFinished: false,
    showsProgress: true,
    isError: true,
    actions: ['retry', 'cancel'],
    on: { start: 'starting', 'wait-for-network': 'offline', cancel: 'cancelled', 'file-changed': 'changed' },
  },
  verifying: {
    // Holds the slot until the verdict, so files still finish one after another.
    holdsSlot: true,
    keepsPlace: false,
    isFinished: false,
    showsProgress: true,
    isError: false,
    actions: ['cancel'],
    on: { verified: 'complete', 'file-changed': 'changed', cancel: 'cancelled' },
  },
  complete: followingTheServer('complete'),
  processing: followingTheServer('processing'),
  ready: finished({ showsProgress: true, isError: false }),
  'processing-failed': finished({ showsProgress: true, isError: true }),
  cancelled: finished({ showsProgress: false, isError: false }),
  interrupted: {
    holdsSlot: false,
    keepsPlace: false,
    isFinished: false,
    showsProgress: true,
    isError: true,
    actions: ['choose-again', 'cancel'],
    on: { 'pick-up': 'queued', cancel: 'cancelled', note: 'interrupted' },
  },
  changed: finished({ showsProgress: false, isError: true }),
};

export const FILE_CHANGED_MESSAGE =
  'The file changed on your device while it was uploading, so the upload stopped instead of storing a mix of two files. Choose the file again to upload it from the start.';

/** Whether the item offers this action in this phase. */
export function canDo(phase: UploadPhase, action: UploadAction): boolean {
  return UPLOAD_PHASES[phase].actions.includes(action);
}

/** Whether the phase takes this event (the rest are refused). */
export function accepts(phase: UploadPhase, type: UploadEventType): boolean {
  return UPLOAD_PHASES[phase].on[type] !== undefined;
}

/** A file just chosen, before its checks. */
export function newUploadEntry(id: string, name: string, size: number): UploadEntry {
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
    processingPercent: null,
    needsSignIn: false,
    thumbnail: null,
  };
}

const STILL = { speed: null, secondsLeft: null } as const;

/** The state after `event`, or null when the phase refuses it. */
export function transition(state: UploadEntry, event: UploadEvent): UploadEntry | null {
  const phase = UPLOAD_PHASES[state.phase].on[event.type];
  if (!phase) return null;
  switch (event.type) {
    case 'accept':
      return { ...state, phase, fingerprint: event.fingerprint };
    case 'reject':
      return { ...state, phase, message: event.message };
    case 'pick-up':
      return { ...state, phase, message: null };
    case 'start':
      return { ...state, ...STILL, phase, message: null, needsSignIn: false };
    case 'online':
    case 'wait-for-network':
    case 'pause':
    case 'requeue':
    case 'cancel':
    case 'offline':
      // Where the server is: percent and bytes stay as they were.
      return { ...state, ...STILL, phase, message: null };
    case 'progress': {
      const { bytesSent, total, speed } = event;
      return {
        ...state,
        phase,
        bytesSent,
        percent: total > 0 ? Math.min(100, Math.floor((bytesSent * 100) / total)) : 0,
        speed,
        secondsLeft: speed ? (total - bytesSent) / speed : null,
        // "Trying again…" is over once bytes move; a note such as "starts over" stays.
        message: state.phase === 'retrying' ? null : state.message,
      };
    }
    case 'retrying':
      return { ...state, ...STILL, phase, message: event.message };
    case 'error':
      return { ...state, ...STILL, phase, message: event.message, needsSignIn: event.needsSignIn ?? false };
    case 'success':
      return { ...state, ...STILL, phase, percent: 100, bytesSent: state.size };
    case 'verified':
      return { ...state, ...STILL, phase, isVerified: event.isVerified, message: null };
    case 'file-changed':
      return { ...state, ...STILL, phase, message: FILE_CHANGED_MESSAGE };
    case 'note':
      return { ...state, message: event.message };
    case 'media-id':
      return { ...state, mediaId: event.mediaId };
    case 'processing':
      return { ...state, phase, processingPercent: event.percent === null ? null : Math.max(0, Math.min(100, Math.floor(event.percent))) };
    case 'ready':
      return { ...state, phase, processingPercent: 100, message: null };
    case 'processing-error':
      return { ...state, phase, message: event.message };
  }
}
