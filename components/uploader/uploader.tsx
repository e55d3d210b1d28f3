'use client';

import { type DragEvent, useId, useRef, useState } from 'react';
import { formatBytes, formatDuration } from '@/lib/universal/format';
import { type UploadActions, UploadItem } from './upload-item';
import { totalProgress } from './total-progress';
import { canDo, UPLOAD_PHASES, type UploadEntry } from './upload-phases';
import styles from './uploader.module.css';
import { useTusUploads } from './use-tus-upload';

export type UploaderProps = {
  /** The server's MAX_UPLOAD_BYTES. */
  maxUploadBytes: number;
  /** The server's DEFAULT_MAX_DURATION_SECONDS. */
  maxDurationSeconds: number;
  /** Keeps one person's resumable uploads apart from another's on a shared browser. */
  userId: string;
  /** The account of the Cloudflare-shaped routes, where each uploaded video's state is read. */
  accountId: string;
  endpoint?: string;
};

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

/** Choose or drop videos; each uploads resumably, one after another. */
export function Uploader({ maxUploadBytes, maxDurationSeconds, userId, accountId, endpoint = '/api/uploads' }: UploaderProps) {
  const { entries, queue, announcement } = useTusUploads({ endpoint, userId, accountId, maxUploadBytes, maxDurationSeconds });
  const [isDragging, setIsDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const limitsId = useId();
  const listHeadingId = useId();
  const totalLabelId = useId();
  const total = totalProgress(entries);
  const any = (test: (entry: UploadEntry) => boolean) => entries.some(test);
  const canPauseAll = any((entry) => canDo(entry.phase, 'pause'));
  const canResumeAll = any((entry) => canDo(entry.phase, 'resume'));
  const canCancelAll = any((entry) => canDo(entry.phase, 'cancel'));
  const canClear = any((entry) => UPLOAD_PHASES[entry.phase].isFinished);
  // The queue's own controls while several files are still on their way (with one, its item's
  // Pause and Cancel are all there is, and no second "Pause" shares its name).
  const isQueue = entries.filter((entry) => !UPLOAD_PHASES[entry.phase].isFinished).length > 1;
  // One slot for Pause all / Resume all: the focused button stays as its job changes.
  const holdAll = canPauseAll
    ? { label: 'Pause all', run: () => queue.pauseAll() }
    : canResumeAll
      ? { label: 'Resume all', run: () => queue.resumeAll() }
      : null;

  const actions: UploadActions = {
    pause: (id) => queue.pause(id),
    resume: (id) => queue.resume(id),
    cancel: (id) => queue.cancel(id),
    remove: (id) => {
      queue.remove(id);
      inputRef.current?.focus();
    },
    resumeWith: (id, file) => void queue.resumeWith(id, file),
  };

  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setIsDragging(false);
    queue.addFiles(Array.from(event.dataTransfer.files));
  };

  return (
    <section className="uploader" aria-label="Uploader">
      <div
        className="dropzone"
        data-dragging={isDragging || undefined}
        onDragEnter={(event) => hasFiles(event) && setIsDragging(true)}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setIsDragging(false);
        }}
        onDrop={onDrop}
      >
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept="video/*"
          multiple
          className="visually-hidden file-input"
          aria-describedby={limitsId}
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            // Cleared so that choosing the same file again (to resume it) fires a change.
            event.currentTarget.value = '';
            if (files.length > 0) queue.addFiles(files);
          }}
        />
        <label htmlFor={inputId} className="button button--primary button--large">
          Choose video
        </label>
        <p className="dropzone__hint" aria-hidden="true">
          or drop videos here
        </p>
        <p id={limitsId} className="dropzone__limits">
          Up to {formatBytes(maxUploadBytes)} and {formatDuration(maxDurationSeconds)} per video. Uploads survive a lost connection or a
          reload.
        </p>
      </div>

      {entries.length > 0 && (
        <>
          <h2 id={listHeadingId} className="uploader__list-heading">
            Uploads
          </h2>
          {(isQueue || (canClear && entries.length > 1)) && (
            <div className={styles.queueBar}>
              {isQueue && total.count > 0 && (
                <div className={styles.total}>
                  <p className={styles.totalText}>
                    <span id={totalLabelId}>Total progress</span>
                    <span className={styles.totalBytes}>
                      {formatBytes(total.sent)} of {formatBytes(total.total)} · {total.percent}%
                    </span>
                  </p>
                  <div
                    role="progressbar"
                    aria-labelledby={totalLabelId}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={total.percent}
                    aria-valuetext={`${total.percent}%, ${formatBytes(total.sent)} of ${formatBytes(total.total)}`}
                    className="progress"
                  >
                    <div className="progress__bar" style={{ width: `${total.percent}%` }} />
                  </div>
                </div>
              )}
              <div className={styles.queueActions} role="group" aria-label="All uploads">
                {isQueue && holdAll && (
                  <button key="hold-all" type="button" className="button" onClick={holdAll.run}>
                    {holdAll.label}
                  </button>
                )}
                {isQueue && canCancelAll && (
                  <button type="button" className="button button--quiet" onClick={() => queue.cancelAll()}>
                    Cancel all
                  </button>
                )}
                {canClear && (
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => {
                      queue.clearFinished();
                      inputRef.current?.focus();
                    }}
                  >
                    Clear finished
                  </button>
                )}
              </div>
            </div>
          )}
          <ul className="upload-list" aria-labelledby={listHeadingId}>
            {entries.map((entry) => (
              <UploadItem key={entry.id} entry={entry} actions={actions} />
            ))}
          </ul>
        </>
      )}

      <div role="status" aria-live="polite" aria-atomic="true" className="visually-hidden">
        {announcement}
      </div>
    </section>
  );
}
