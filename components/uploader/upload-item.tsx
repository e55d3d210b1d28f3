'use client';

import Link from 'next/link';
import { useRef } from 'react';
import { formatBytes, formatSpeed, formatTimeLeft } from '@/lib/universal/format';
import styles from './uploader.module.css';
import { canDo, UPLOAD_PHASES, type UploadAction, type UploadEntry } from './upload-phases';

export type UploadActions = {
  pause: (id: string) => void;
  resume: (id: string) => void;
  cancel: (id: string) => void;
  remove: (id: string) => void;
  resumeWith: (id: string, file: File) => void;
};

function statusText(entry: UploadEntry): string {
  const pct = `${entry.percent}%`;
  switch (entry.phase) {
    case 'checking':
      return 'Checking the file…';
    case 'rejected':
      return 'Not uploaded';
    case 'queued':
      return entry.isResume || entry.percent > 0 ? `Waiting to continue from ${pct}` : 'Waiting for the upload before it';
    case 'starting':
      return entry.isResume ? `Continuing from ${pct}…` : 'Starting…';
    case 'uploading':
      return entry.percent >= 100 ? 'Finishing…' : `Uploading — ${pct}`;
    case 'retrying':
      return `Reconnecting — ${pct}`;
    case 'offline':
      return `Offline — ${pct}. The upload continues by itself when the connection is back.`;
    case 'paused':
      return `Paused — ${pct}`;
    case 'failed':
      return `Stopped — ${pct}`;
    case 'verifying':
      return 'Finishing…';
    case 'complete':
    case 'processing':
    case 'ready':
    case 'processing-failed':
      // The bytes are all there; the video's own state is said on the line below.
      return 'Upload complete';
    case 'cancelled':
      return 'Cancelled';
    case 'interrupted':
      return `Interrupted — ${entry.name}, ${pct}`;
    case 'changed':
      return 'Stopped: the file changed';
  }
}

/** What the server makes of the video after the last byte; null before that. */
function videoStateText(entry: UploadEntry): string | null {
  switch (entry.phase) {
    case 'complete':
      return 'Processing…';
    case 'processing':
      return entry.processingPercent !== null && entry.processingPercent > 0 ? `Encoding — ${entry.processingPercent}%` : 'Processing…';
    case 'ready':
      return 'Ready';
    case 'processing-failed':
      return 'Cannot be played';
    default:
      return null;
  }
}

/** A frame of the file, or a film icon when the browser cannot decode it. Decorative: the name is the heading. */
function Thumbnail({ src }: { src: string | null }) {
  if (src) {
    // eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser, nothing to optimise
    return <img src={src} alt="" className={styles.thumbnail} width={80} height={45} />;
  }
  return (
    <span className={`${styles.thumbnail} ${styles.thumbnailIcon}`} aria-hidden="true">
      <svg viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round">
        <rect x="3" y="5" width="18" height="14" rx="2" />
        <path d="M10 9.5v5l4.5-2.5z" />
      </svg>
    </span>
  );
}

export function UploadItem({ entry, actions }: { entry: UploadEntry; actions: UploadActions }) {
  const primaryRef = useRef<HTMLButtonElement>(null);
  const nameId = `${entry.id}-name`;
  const resumeInputId = `${entry.id}-resume-file`;
  const { isError, showsProgress } = UPLOAD_PHASES[entry.phase];
  const videoState = videoStateText(entry);
  const isUploaded = videoState !== null;
  const can = (action: UploadAction) => canDo(entry.phase, action);

  // One button slot for Pause / Resume / Retry / Remove: the same element stays focused as its job changes.
  let primary: { label: string; run: () => void } | null = null;
  if (can('pause')) primary = { label: 'Pause', run: () => actions.pause(entry.id) };
  else if (can('resume')) primary = { label: 'Resume', run: () => actions.resume(entry.id) };
  else if (can('retry')) primary = { label: 'Retry', run: () => actions.resume(entry.id) };
  else if (can('remove')) primary = { label: 'Remove', run: () => actions.remove(entry.id) };

  const cancel = () => {
    actions.cancel(entry.id);
    // Cancel disappears with the upload: keep focus in the item, on its Remove button.
    requestAnimationFrame(() => primaryRef.current?.focus());
  };

  return (
    <li className="upload-item" data-phase={entry.phase}>
      <article aria-labelledby={nameId}>
        <div className={styles.itemTop}>
          <Thumbnail src={entry.thumbnail} />
          <div className="upload-item__head">
            <h3 id={nameId} className="upload-item__name">
              {entry.name}
            </h3>
            <span className="upload-item__size">{formatBytes(entry.size)}</span>
          </div>
        </div>

        {showsProgress && (
          <div
            role="progressbar"
            aria-labelledby={nameId}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={entry.percent}
            aria-valuetext={`${entry.percent}%, ${formatBytes(entry.bytesSent)} of ${formatBytes(entry.size)}`}
            className="progress"
            data-phase={entry.phase}
          >
            <div className="progress__bar" style={{ width: `${entry.percent}%` }} />
          </div>
        )}

        <p className="upload-item__status">
          <span>{statusText(entry)}</span>
          {entry.phase === 'uploading' && entry.speed !== null && (
            <>
              <span className="upload-item__speed"> · {formatSpeed(entry.speed)}</span>
              {entry.secondsLeft !== null && <span className="upload-item__eta"> · {formatTimeLeft(entry.secondsLeft)}</span>}
            </>
          )}
        </p>

        {entry.message &&
          (isError ? (
            <p role="alert" className="upload-item__message upload-item__message--error">
              {entry.message}
            </p>
          ) : (
            <p className="upload-item__message">{entry.message}</p>
          ))}

        {videoState && (
          <p className={styles.videoState} data-state={entry.phase}>
            {videoState}
          </p>
        )}

        {isUploaded && entry.mediaId && (
          <p className="upload-item__done">
            Media ID: <code className="media-id">{entry.mediaId}</code>
          </p>
        )}

        {isUploaded && entry.isVerified && (
          <p className="upload-item__verified" title="The server's SHA-256 of the stored upload equals this device's hash of the file.">
            Verified
          </p>
        )}

        {can('choose-again') && <p className="upload-item__hint">Choose the same file to continue where it stopped.</p>}

        <div className="upload-item__actions">
          {can('choose-again') && (
            <>
              <input
                id={resumeInputId}
                type="file"
                accept="video/*"
                className="visually-hidden file-input"
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  event.currentTarget.value = '';
                  if (file) actions.resumeWith(entry.id, file);
                }}
              />
              <label htmlFor={resumeInputId} className="button button--primary">
                Choose “{entry.name}” again
              </label>
            </>
          )}
          {entry.needsSignIn && (
            <Link href="/sign-in?callbackUrl=/" className="button button--primary">
              Sign in
            </Link>
          )}
          {isUploaded && entry.mediaId && (
            <Link
              href={`/videos/${entry.mediaId}`}
              className={`button${entry.phase === 'processing-failed' ? '' : ' button--primary'}`}
              aria-describedby={nameId}
            >
              View video
            </Link>
          )}
          {primary && (
            <button key="primary" ref={primaryRef} type="button" className="button" onClick={primary.run}>
              {primary.label}
            </button>
          )}
          {can('cancel') && (
            <button type="button" className="button button--quiet" onClick={cancel}>
              Cancel
            </button>
          )}
        </div>
      </article>
    </li>
  );
}
