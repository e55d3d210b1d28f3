import { failureReason } from '@/lib/videos/failure-reason';

/**
 * What becomes of an uploaded video: light polling of its JSON state (the Cloudflare-shaped
 * `GET /client/v4/accounts/{account}/stream/{uid}`, which takes the owner's session). Polls
 * only while the tab is visible, backs off on trouble, and stops at a final state or when the
 * video can no longer be read.
 */

export type VideoProgress =
  | { kind: 'processing'; percent: number | null }
  | { kind: 'ready' }
  | { kind: 'error'; message: string }
  /** The state cannot be read any more (signed out, removed): following stops. */
  | { kind: 'lost'; message: string };

type StreamStatus = { state?: unknown; pctComplete?: unknown; errorReasonCode?: unknown; errorReasonText?: unknown };
type Envelope = { result?: { status?: StreamStatus; readyToStream?: unknown } | null };

const FIRST_DELAY_MS = 1000;
const DELAY_MS = 2000;
const MAX_DELAY_MS = 15_000;

export const CANNOT_PROCESS = 'The server could not make a playable video of this file.';
export const SIGNED_OUT_WHILE_FOLLOWING = 'You are signed out, so this page cannot show what becomes of the video. Sign in again to see it in My videos.';
export const GONE_WHILE_FOLLOWING = 'This video is no longer on the server (it may have been deleted).';

/** The server's answer as progress; null when it says nothing usable (tried again later). */
export function readVideoProgress(json: unknown): VideoProgress | null {
  const result = (json as Envelope | null)?.result;
  const status = result?.status;
  if (!result || !status || typeof status.state !== 'string') return null;
  if (status.state === 'ready' || result.readyToStream === true) return { kind: 'ready' };
  if (status.state === 'error') {
    const text = typeof status.errorReasonText === 'string' ? status.errorReasonText.trim() : '';
    const code = typeof status.errorReasonCode === 'string' ? status.errorReasonCode : '';
    // The pages' one filter: never a path or a tool's output in the row either.
    return { kind: 'error', message: text ? failureReason({ errorReasonCode: code, errorReasonText: text }) : CANNOT_PROCESS };
  }
  if (status.state === 'inprogress') {
    const percent = Number(status.pctComplete);
    return { kind: 'processing', percent: Number.isFinite(percent) ? percent : null };
  }
  // pendingupload (the last byte just landed), downloading, queued.
  return { kind: 'processing', percent: null };
}

/** Follows one video until a final state; the returned function stops it early. */
export function followVideo(url: string, onProgress: (progress: VideoProgress) => void): () => void {
  let isStopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = DELAY_MS;
  let isFetching = false;

  const stop = () => {
    isStopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    // A hidden tab is not polled: visibilitychange polls again once it is shown.
    if (!isStopped && document.visibilityState !== 'hidden') timer = setTimeout(() => void poll(), ms);
  };

  const poll = async () => {
    if (isStopped || isFetching) return;
    isFetching = true;
    let progress: VideoProgress | null = null;
    try {
      const response = await fetch(url, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
      if (response.status === 401) progress = { kind: 'lost', message: SIGNED_OUT_WHILE_FOLLOWING };
      else if (response.status === 404) progress = { kind: 'lost', message: GONE_WHILE_FOLLOWING };
      else if (response.ok) progress = readVideoProgress(await response.json());
    } catch {
      // The network or the server: tried again, later and later.
    } finally {
      isFetching = false;
    }
    if (isStopped) return;
    if (progress === null) {
      delay = Math.min(MAX_DELAY_MS, delay * 2);
      schedule(delay);
      return;
    }
    delay = DELAY_MS;
    if (progress.kind !== 'processing') stop();
    onProgress(progress);
    schedule(delay);
  };

  function onVisibility() {
    if (document.visibilityState === 'visible') schedule(0);
    else clearTimeout(timer);
  }

  document.addEventListener('visibilitychange', onVisibility);
  schedule(FIRST_DELAY_MS);
  return stop;
}
