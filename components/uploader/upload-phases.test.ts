import { expect, test } from '@playwright/test';
import {
  accepts,
  canDo,
  FILE_CHANGED_MESSAGE,
  newUploadEntry,
  transition,
  UPLOAD_PHASES,
  type UploadAction,
  type UploadEntry,
  type UploadEvent,
  type UploadEventType,
  type UploadPhase,
} from './upload-phases';

/**
 * The uploader's phase table, checked whole: what each phase does with every event, written
 * out again here as the intent (one line per phase, `event>phase`; anything not listed must be
 * refused), then the paths that matter to a person uploading a video.
 */
const INTENT = `
  checking     accept>queued reject>rejected
  rejected
  queued       start>starting wait-for-network>offline pause>paused cancel>cancelled
  starting     progress>uploading retrying>retrying error>failed offline>offline success>verifying pause>paused cancel>cancelled file-changed>changed note>starting media-id>starting
  uploading    progress>uploading retrying>retrying error>failed offline>offline success>verifying pause>paused cancel>cancelled file-changed>changed note>uploading media-id>uploading
  retrying     progress>uploading retrying>retrying error>failed offline>offline success>verifying pause>paused cancel>cancelled file-changed>changed note>retrying media-id>retrying
  offline      online>starting pause>paused cancel>cancelled file-changed>changed success>verifying note>offline media-id>offline
  paused       start>starting wait-for-network>offline requeue>queued cancel>cancelled file-changed>changed success>verifying note>paused media-id>paused
  failed       start>starting wait-for-network>offline cancel>cancelled file-changed>changed
  verifying    verified>complete file-changed>changed cancel>cancelled
  complete     processing>processing ready>ready processing-error>processing-failed note>complete
  processing   processing>processing ready>ready processing-error>processing-failed note>processing
  ready
  processing-failed
  cancelled
  interrupted  pick-up>queued cancel>cancelled note>interrupted
  changed
`;

const expected = new Map<UploadPhase, Map<UploadEventType, UploadPhase>>(
  INTENT.trim()
    .split('\n')
    .map((line) => {
      const [phase, ...moves] = line.trim().split(/\s+/);
      return [phase as UploadPhase, new Map(moves.map((move) => move.split('>') as [UploadEventType, UploadPhase]))];
    }),
);

/** One event of every type (a Record, so the compiler says when a type is missing here). */
const SAMPLE_EVENTS: Record<UploadEventType, UploadEvent> = {
  accept: { type: 'accept', fingerprint: 'v1.1000.abc' },
  reject: { type: 'reject', message: 'Not a video.' },
  start: { type: 'start' },
  'wait-for-network': { type: 'wait-for-network' },
  'pick-up': { type: 'pick-up' },
  pause: { type: 'pause' },
  requeue: { type: 'requeue' },
  cancel: { type: 'cancel' },
  progress: { type: 'progress', bytesSent: 600, total: 1000, speed: 100 },
  retrying: { type: 'retrying', message: 'The connection dropped. Trying again in 3 s…' },
  error: { type: 'error', message: 'The server had a problem. Choose Retry to continue where it stopped.' },
  offline: { type: 'offline' },
  online: { type: 'online' },
  success: { type: 'success' },
  verified: { type: 'verified', isVerified: true },
  'file-changed': { type: 'file-changed' },
  note: { type: 'note', message: 'A note.' },
  'media-id': { type: 'media-id', mediaId: 'f'.repeat(32) },
  processing: { type: 'processing', percent: 40 },
  ready: { type: 'ready' },
  'processing-error': { type: 'processing-error', message: 'The file is not a video the server can read.' },
};

/** What the server says about the video after the last byte: the only events a finished upload may still take. */
const SERVER_EVENTS: readonly UploadEventType[] = ['processing', 'ready', 'processing-error', 'note'];

const PHASES = Object.keys(UPLOAD_PHASES) as UploadPhase[];
const EVENT_TYPES = Object.keys(SAMPLE_EVENTS) as UploadEventType[];

/** A 1000-byte file 40 % of the way, in `phase`. */
function entryIn(phase: UploadPhase, patch: Partial<UploadEntry> = {}): UploadEntry {
  return { ...newUploadEntry('upload-1', 'holiday.mp4', 1000), phase, percent: 40, bytesSent: 400, fingerprint: 'v1.1000.abc', ...patch };
}

/** Applies events in order; fails the test on a refused one. */
function run(state: UploadEntry, ...events: UploadEvent[]): UploadEntry {
  return events.reduce((current, event) => {
    const next = transition(current, event);
    if (!next) throw new Error(`${current.phase} refused ${event.type}`);
    return next;
  }, state);
}

test.describe('the upload phase table', () => {
  test('lists every phase, and the intent above lists every phase too', () => {
    expect([...expected.keys()].sort()).toEqual([...PHASES].sort());
  });

  test(`every (phase, event) pair of ${Object.keys(UPLOAD_PHASES).length} phases × ${Object.keys(SAMPLE_EVENTS).length} events moves where the intent says, or is refused`, () => {
    for (const phase of PHASES) {
      for (const type of EVENT_TYPES) {
        const target = expected.get(phase)!.get(type);
        const next = transition(entryIn(phase), SAMPLE_EVENTS[type]);
        expect(next?.phase ?? null, `${phase} + ${type}`).toBe(target ?? null);
        expect(accepts(phase, type), `accepts(${phase}, ${type})`).toBe(target !== undefined);
      }
    }
  });

  test('transition never changes the state it is given (accepted or refused)', () => {
    for (const phase of PHASES) {
      for (const type of EVENT_TYPES) {
        const state = entryIn(phase);
        const before = structuredClone(state);
        transition(state, SAMPLE_EVENTS[type]);
        expect(state, `${phase} + ${type}`).toEqual(before);
      }
    }
  });

  test('finished phases may be removed and are the only ones removable; they take no upload event, complete and processing only the server\'s word', () => {
    const finished = ['rejected', 'complete', 'processing', 'ready', 'processing-failed', 'cancelled', 'changed'];
    for (const phase of PHASES) {
      const { isFinished } = UPLOAD_PHASES[phase];
      expect(isFinished, phase).toBe(finished.includes(phase));
      expect(canDo(phase, 'remove'), phase).toBe(isFinished);
      if (isFinished) {
        const taken = EVENT_TYPES.filter((type) => accepts(phase, type));
        expect(taken, phase).toEqual(['complete', 'processing'].includes(phase) ? [...SERVER_EVENTS].sort((a, b) => EVENT_TYPES.indexOf(a) - EVENT_TYPES.indexOf(b)) : []);
      }
    }
  });

  test('files start in the order chosen: a file being checked, or waiting, keeps its place in line', () => {
    expect(PHASES.filter((phase) => UPLOAD_PHASES[phase].keepsPlace)).toEqual(['checking', 'queued']);
  });

  test("each action the item offers is an event its phase takes, and a person's events come only from offered actions", () => {
    const eventOf: Record<Exclude<UploadAction, 'remove'>, UploadEventType> = { pause: 'pause', resume: 'start', retry: 'start', cancel: 'cancel', 'choose-again': 'pick-up' };
    for (const phase of PHASES) {
      for (const [action, type] of Object.entries(eventOf) as [Exclude<UploadAction, 'remove'>, UploadEventType][]) {
        if (canDo(phase, action)) expect(accepts(phase, type), `${phase}: ${action}`).toBe(true);
      }
      expect(accepts(phase, 'pause'), `${phase}: pause`).toBe(canDo(phase, 'pause'));
      expect(accepts(phase, 'cancel'), `${phase}: cancel`).toBe(canDo(phase, 'cancel'));
      expect(accepts(phase, 'pick-up'), `${phase}: pick-up`).toBe(canDo(phase, 'choose-again'));
    }
  });

  test('the item offers Pause while bytes move or wait for the network, Resume when paused, Retry when failed', () => {
    // A waiting file can be paused too (Pause all), so that the queue does not start it meanwhile.
    expect(PHASES.filter((phase) => canDo(phase, 'pause'))).toEqual(['queued', 'starting', 'uploading', 'retrying', 'offline']);
    expect(PHASES.filter((phase) => canDo(phase, 'resume'))).toEqual(['paused']);
    expect(PHASES.filter((phase) => canDo(phase, 'retry'))).toEqual(['failed']);
    expect(PHASES.filter((phase) => canDo(phase, 'choose-again'))).toEqual(['interrupted']);
  });

  test('one upload at a time: starting, uploading, retrying, offline and verifying hold the slot; paused and failed let the next one go', () => {
    expect(PHASES.filter((phase) => UPLOAD_PHASES[phase].holdsSlot)).toEqual(['starting', 'uploading', 'retrying', 'offline', 'verifying']);
  });

  test('messages of failed, rejected, unprocessable, interrupted and changed uploads are errors; progress shows except while checking and once rejected, cancelled or changed', () => {
    expect(PHASES.filter((phase) => UPLOAD_PHASES[phase].isError)).toEqual(['rejected', 'failed', 'processing-failed', 'interrupted', 'changed']);
    expect(PHASES.filter((phase) => !UPLOAD_PHASES[phase].showsProgress)).toEqual(['checking', 'rejected', 'cancelled', 'changed']);
  });
});

test.describe('an upload', () => {
  test('is checked, then waits its turn with its fingerprint, or is rejected with the reason', () => {
    const chosen = newUploadEntry('upload-1', 'holiday.mp4', 1000);
    expect(chosen.phase).toBe('checking');
    expect(run(chosen, { type: 'accept', fingerprint: 'v1.1000.abc' })).toMatchObject({ phase: 'queued', fingerprint: 'v1.1000.abc' });
    expect(run(chosen, { type: 'reject', message: 'Not a video.' })).toMatchObject({ phase: 'rejected', message: 'Not a video.' });
  });

  test('reports progress in whole percent with speed and time left', () => {
    const next = run(entryIn('starting'), { type: 'progress', bytesSent: 999, total: 1000, speed: 100 });
    expect(next).toMatchObject({ phase: 'uploading', percent: 99, bytesSent: 999, speed: 100, secondsLeft: 0.01 });
    expect(run(entryIn('uploading'), { type: 'progress', bytesSent: 10, total: 1000, speed: null })).toMatchObject({ speed: null, secondsLeft: null });
  });

  test('pause → resume keeps the offset: percent and bytes stay where the server is', () => {
    const uploading = run(entryIn('uploading'), { type: 'progress', bytesSent: 430, total: 1000, speed: 50 });
    const paused = run(uploading, { type: 'pause' });
    expect(paused).toMatchObject({ phase: 'paused', percent: 43, bytesSent: 430, speed: null, secondsLeft: null });
    // Late progress from the aborted request does not move a paused upload.
    expect(transition(paused, { type: 'progress', bytesSent: 500, total: 1000, speed: 50 })).toBeNull();
    const resumed = run(paused, { type: 'start' });
    expect(resumed).toMatchObject({ phase: 'starting', percent: 43, bytesSent: 430 });
    expect(run(resumed, { type: 'progress', bytesSent: 480, total: 1000, speed: 50 })).toMatchObject({ phase: 'uploading', percent: 48 });
  });

  test('offline → online resumes by itself from the same offset', () => {
    const offline = run(entryIn('uploading'), { type: 'offline' });
    expect(offline).toMatchObject({ phase: 'offline', percent: 40, bytesSent: 400, speed: null });
    expect(transition(offline, { type: 'progress', bytesSent: 500, total: 1000, speed: 50 })).toBeNull();
    const back = run(offline, { type: 'online' });
    expect(back).toMatchObject({ phase: 'starting', percent: 40, bytesSent: 400 });
    // Resume or Retry pressed while offline waits for the network instead.
    expect(run(entryIn('paused'), { type: 'wait-for-network' })).toMatchObject({ phase: 'offline', percent: 40 });
    expect(run(entryIn('failed', { message: 'Stopped.' }), { type: 'wait-for-network' })).toMatchObject({ phase: 'offline', message: null });
  });

  test('an error with retries left → retrying, said in words; bytes moving again clear the words', () => {
    const retrying = run(entryIn('uploading'), { type: 'retrying', message: 'The server had a problem. Trying again in 3 s…' });
    expect(retrying).toMatchObject({ phase: 'retrying', percent: 40, message: 'The server had a problem. Trying again in 3 s…' });
    expect(run(retrying, { type: 'retrying', message: 'The server had a problem. Trying again in 5 s…' }).message).toBe('The server had a problem. Trying again in 5 s…');
    expect(run(retrying, { type: 'progress', bytesSent: 500, total: 1000, speed: 50 })).toMatchObject({ phase: 'uploading', message: null });
  });

  test('out of retries → failed with the reason; Retry starts again from the same offset', () => {
    const failed = run(entryIn('retrying'), { type: 'error', message: 'You are signed out. Sign in again, then choose the file again.' });
    expect(failed).toMatchObject({ phase: 'failed', percent: 40, message: 'You are signed out. Sign in again, then choose the file again.' });
    expect(run(failed, { type: 'start' })).toMatchObject({ phase: 'starting', percent: 40, message: null });
  });

  test('a note (starts over, not the same file) keeps the phase and stays while bytes move', () => {
    const noted = run(entryIn('starting'), { type: 'note', message: 'It starts over.' });
    expect(noted).toMatchObject({ phase: 'starting', message: 'It starts over.' });
    expect(run(noted, { type: 'progress', bytesSent: 10, total: 1000, speed: null }).message).toBe('It starts over.');
    expect(run(entryIn('interrupted'), { type: 'note', message: 'Not this file.' })).toMatchObject({ phase: 'interrupted', message: 'Not this file.' });
  });

  test('cancel from every phase that offers it ends the upload for good', () => {
    const cancellable = PHASES.filter((phase) => canDo(phase, 'cancel'));
    expect(cancellable).toEqual(['queued', 'starting', 'uploading', 'retrying', 'offline', 'paused', 'failed', 'verifying', 'interrupted']);
    for (const phase of cancellable) {
      const cancelled = run(entryIn(phase, { message: 'Something.', speed: 10 }), { type: 'cancel' });
      expect(cancelled, phase).toMatchObject({ phase: 'cancelled', message: null, speed: null, percent: 40 });
      // A verdict or a response that lands afterwards changes nothing.
      for (const type of EVENT_TYPES) expect(transition(cancelled, SAMPLE_EVENTS[type]), `${phase} → cancelled + ${type}`).toBeNull();
    }
    expect(transition(entryIn('checking'), { type: 'cancel' })).toBeNull();
  });

  test('the file changed on the device → stopped with its message, from every phase that has a file in hand', () => {
    for (const phase of ['starting', 'uploading', 'retrying', 'offline', 'paused', 'failed', 'verifying'] as const) {
      expect(run(entryIn(phase), { type: 'file-changed' }), phase).toMatchObject({ phase: 'changed', message: FILE_CHANGED_MESSAGE, speed: null });
    }
    expect(FILE_CHANGED_MESSAGE).toMatch(/^The file changed on your device while it was uploading/);
  });

  test('success → verifying at 100 % → complete, verified when the hashes match', () => {
    const verifying = run(entryIn('uploading', { speed: 80, secondsLeft: 3 }), { type: 'success' });
    expect(verifying).toMatchObject({ phase: 'verifying', percent: 100, bytesSent: 1000, speed: null, secondsLeft: null });
    expect(canDo('verifying', 'pause')).toBe(false);
    expect(run(verifying, { type: 'verified', isVerified: true })).toMatchObject({ phase: 'complete', isVerified: true, message: null });
    // No hash to compare (no worker, an older server): complete, not "Verified".
    expect(run(verifying, { type: 'verified', isVerified: false })).toMatchObject({ phase: 'complete', isVerified: false });
    // Hashes that differ: the stored bytes are not the file.
    expect(run(verifying, { type: 'file-changed' })).toMatchObject({ phase: 'changed', message: FILE_CHANGED_MESSAGE });
  });

  test('the last response after a pause or an offline cut still completes it: every byte is stored', () => {
    expect(run(entryIn('paused'), { type: 'success' }).phase).toBe('verifying');
    expect(run(entryIn('offline'), { type: 'success' }).phase).toBe('verifying');
    expect(transition(entryIn('failed'), { type: 'success' })).toBeNull();
  });

  test('an interrupted upload picks up when its file is chosen again, and waits its turn', () => {
    const interrupted = entryIn('interrupted', { isResume: true, message: 'Not this file.', mediaId: 'a'.repeat(32) });
    expect(run(interrupted, { type: 'pick-up' })).toMatchObject({ phase: 'queued', percent: 40, isResume: true, message: null, mediaId: 'a'.repeat(32) });
  });

  test('after the last byte: complete → processing (queued, then encoding) → ready, without going back to any upload phase', () => {
    const complete = run(entryIn('verifying', { percent: 100, bytesSent: 1000, mediaId: 'c'.repeat(32) }), { type: 'verified', isVerified: true });
    expect(complete).toMatchObject({ phase: 'complete', processingPercent: null });
    const queued = run(complete, { type: 'processing', percent: null });
    expect(queued).toMatchObject({ phase: 'processing', processingPercent: null });
    const encoding = run(queued, { type: 'processing', percent: 40.7 });
    expect(encoding).toMatchObject({ phase: 'processing', processingPercent: 40, percent: 100 });
    expect(run(encoding, { type: 'processing', percent: 250 }).processingPercent).toBe(100);
    expect(run(encoding, { type: 'ready' })).toMatchObject({ phase: 'ready', processingPercent: 100, mediaId: 'c'.repeat(32), isVerified: true });
    // Straight to ready (a tiny file encodes between two looks).
    expect(run(complete, { type: 'ready' }).phase).toBe('ready');
  });

  test('a file the server cannot process ends in processing-failed with its reason, an error, not a success', () => {
    const failed = run(entryIn('processing'), { type: 'processing-error', message: 'The file is not a video the server can read.' });
    expect(failed).toMatchObject({ phase: 'processing-failed', message: 'The file is not a video the server can read.' });
    expect(UPLOAD_PHASES['processing-failed'].isError).toBe(true);
    expect(run(entryIn('complete'), { type: 'processing-error', message: 'Too long.' }).phase).toBe('processing-failed');
    // Following can stop (signed out) with a note: the phase stays.
    expect(run(entryIn('processing'), { type: 'note', message: 'Signed out.' })).toMatchObject({ phase: 'processing', message: 'Signed out.' });
  });

  test('Pause all takes waiting files out of line; Resume all puts paused ones back in line at their offset', () => {
    const paused = run(entryIn('queued'), { type: 'pause' });
    expect(paused).toMatchObject({ phase: 'paused', percent: 40 });
    expect(run(paused, { type: 'requeue' })).toMatchObject({ phase: 'queued', percent: 40, bytesSent: 400 });
    expect(run(entryIn('uploading'), { type: 'pause' }, { type: 'requeue' }, { type: 'start' })).toMatchObject({ phase: 'starting', percent: 40 });
  });

  test('a lost session (401) asks to sign in again, until the next start', () => {
    const failed = run(entryIn('uploading'), { type: 'error', message: 'You are signed out.', needsSignIn: true });
    expect(failed).toMatchObject({ phase: 'failed', needsSignIn: true });
    expect(run(failed, { type: 'start' }).needsSignIn).toBe(false);
    expect(run(entryIn('uploading'), { type: 'error', message: 'The server had a problem.' }).needsSignIn).toBe(false);
  });

  test('the media ID is kept once the server names it', () => {
    expect(run(entryIn('starting'), { type: 'media-id', mediaId: 'b'.repeat(32) })).toMatchObject({ phase: 'starting', mediaId: 'b'.repeat(32) });
  });
});
