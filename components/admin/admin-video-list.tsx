'use client';

import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { ADMIN_NOTICE_KEY } from '@/components/admin/admin-notice';
import { AdminVideoRow } from '@/components/admin/admin-video-row';
import { type ActionResult, decideVideoAction } from '@/components/admin/decide-video-action';
import { reviewName, stateLabel } from '@/components/videos/badges';
import type { PlayerView } from '@/lib/playback/player-view';
import { REVIEW_REASON_MAX_LENGTH, type ReviewIntent } from '@/lib/validations/review-decision';
import { reviewBlocker } from '@/lib/videos/review-blocker';
import type { VideoSummary } from '@/lib/videos/summarize-videos';
import { videoName } from '@/lib/videos/video-name';
import './admin-list.css';

const VERBS: Record<ReviewIntent, string> = { approve: 'approved', reject: 'rejected', delete: 'deleted' };

/** Keys that type into a field: shortcuts never fire there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

type Props = { videos: VideoSummary[]; views: PlayerView[]; emptyText: string };

/**
 * The admin's review list: rows with checkboxes, a bar that acts on the selection (approve,
 * reject, delete after asking), a reason the uploader reads with every Reject, and keyboard
 * shortcuts (j/k or the arrows to move, x to select, a to approve, r to reject). Every outcome
 * shows in the status line; every move is announced to screen readers.
 */
export function AdminVideoList({ videos, views, emptyText }: Props) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeUid, setActiveUid] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [reason, setReason] = useState('');
  const [isBusy, startTransition] = useTransition();
  const rows = useRef(new Map<string, HTMLLIElement>());
  const selectAllRef = useRef<HTMLInputElement>(null);

  const uids = videos.map((video) => video.uid);
  const present = new Set(uids);
  // Videos gone after a refresh (deleted, filtered out) leave the selection.
  const chosen = uids.filter((uid) => selected.has(uid));
  const isAllSelected = chosen.length > 0 && chosen.length === uids.length;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = chosen.length > 0 && !isAllSelected;
  }, [chosen.length, isAllSelected]);

  // The outcome of a delete on the video page, which then came back here.
  useEffect(() => {
    // After the first paint, so that the status line is there to announce it.
    const timer = setTimeout(() => {
      const notice = sessionStorage.getItem(ADMIN_NOTICE_KEY);
      if (!notice) return;
      sessionStorage.removeItem(ADMIN_NOTICE_KEY);
      setResult({ ok: true, message: notice, decided: [] });
    }, 0);
    return () => clearTimeout(timer);
  }, []);

  const decide = useCallback(
    (intent: ReviewIntent, targets: string[]) => {
      // Not refused while an earlier decision is still being saved: a reviewer going down the
      // list with the keys decides faster than the list refreshes, and each decision stands alone.
      if (targets.length === 0) return;
      const names = targets.map((uid) => videoName(videos.find((video) => video.uid === uid)!));
      if (intent === 'delete') {
        const question =
          targets.length === 1
            ? `Delete “${names[0]}” for good? Its file is removed; this cannot be undone.`
            : `Delete ${targets.length} videos for good? Their files are removed; this cannot be undone.`;
        if (!window.confirm(question)) return;
      }
      startTransition(async () => {
        const outcome = await decideVideoAction({ uids: targets, intent, reason: intent === 'reject' ? reason : undefined });
        setResult(outcome);
        if (outcome.ok) {
          setSelected((current) => new Set([...current].filter((uid) => !outcome.decided.includes(uid))));
          if (intent === 'reject') setReason('');
        }
      });
    },
    [reason, videos],
  );

  const move = useCallback(
    (step: number) => {
      if (uids.length === 0) return;
      const at = activeUid ? uids.indexOf(activeUid) : -1;
      const next = at < 0 ? (step > 0 ? 0 : uids.length - 1) : Math.min(uids.length - 1, Math.max(0, at + step));
      const video = videos[next]!;
      setActiveUid(video.uid);
      rows.current.get(video.uid)?.focus();
      setAnnouncement(`${next + 1} of ${uids.length}: ${videoName(video)}. ${stateLabel(video.status)}. Review ${reviewName(video.review).toLowerCase()}.`);
    },
    [activeUid, uids, videos],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const isInList = event.target instanceof Element && event.target.closest('.admin-list') !== null;
      const active = activeUid && present.has(activeUid) ? videos.find((video) => video.uid === activeUid)! : null;
      const decideActive = (intent: ReviewIntent) => {
        if (!active) {
          setAnnouncement('Choose a video first: press j or the down arrow.');
          return;
        }
        const blocker = reviewBlocker(active.status.state);
        if (blocker) setResult({ ok: false, message: `“${videoName(active)}” cannot be ${VERBS[intent]}: ${blocker}.`, decided: [] });
        else decide(intent, [active.uid]);
      };
      switch (event.key) {
        case 'j':
          move(1);
          break;
        case 'k':
          move(-1);
          break;
        // The arrows scroll the page unless a row has the focus.
        case 'ArrowDown':
          if (!isInList) return;
          move(1);
          break;
        case 'ArrowUp':
          if (!isInList) return;
          move(-1);
          break;
        case 'a':
          decideActive('approve');
          break;
        case 'r':
          decideActive('reject');
          break;
        case 'x':
          if (!active) return;
          setSelected((current) => toggled(current, active.uid, !current.has(active.uid)));
          setAnnouncement(`${videoName(active)} ${selected.has(active.uid) ? 'not selected' : 'selected'}.`);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const onSelect = useCallback((uid: string, isSelected: boolean) => setSelected((current) => toggled(current, uid, isSelected)), []);

  return (
    <>
      <div className="admin-bulk" role="group" aria-label="Selected videos" hidden={videos.length === 0}>
        <label className="admin-bulk__all">
          <input
            ref={selectAllRef}
            type="checkbox"
            className="admin-row__select"
            checked={isAllSelected}
            onChange={(event) => setSelected(event.target.checked ? new Set(uids) : new Set())}
          />
          Select all on this page
        </label>
        {chosen.length > 0 && (
          <span className="admin-bulk__buttons">
            <span className="admin-bulk__count">{chosen.length} selected:</span>
            <button type="button" className="button admin-row__button" disabled={isBusy} onClick={() => decide('approve', chosen)}>
              Approve selected
            </button>
            <button type="button" className="button admin-row__button" disabled={isBusy} onClick={() => decide('reject', chosen)}>
              Reject selected
            </button>
            <button type="button" className="button button--danger admin-row__button" disabled={isBusy} onClick={() => decide('delete', chosen)}>
              Delete selected
            </button>
          </span>
        )}
        <span className="field admin-bulk__reason">
          <label htmlFor="review-reason">Reason sent with Reject (optional)</label>
          <input id="review-reason" type="text" maxLength={REVIEW_REASON_MAX_LENGTH} value={reason} onChange={(event) => setReason(event.target.value)} />
        </span>
      </div>
      <p role="status" className="admin-result" data-error={result && !result.ok ? true : undefined}>
        {result?.message ?? ''}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {videos.length === 0 && <p className="empty">{emptyText}</p>}
      <ul className="video-list video-list--admin admin-list" aria-label="Videos" aria-describedby="admin-keys" hidden={videos.length === 0}>
        {videos.map((video, i) => (
          <AdminVideoRow
            key={video.uid}
            video={video}
            view={views[i]!}
            rowRef={(element) => {
              if (element) rows.current.set(video.uid, element);
              else rows.current.delete(video.uid);
            }}
            isActive={video.uid === activeUid}
            isSelected={selected.has(video.uid)}
            isBusy={isBusy}
            onSelect={onSelect}
            onActivate={setActiveUid}
            onDecide={decide}
          />
        ))}
      </ul>
      <p id="admin-keys" className="admin-keys" hidden={videos.length === 0}>
        Keys: <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move, <kbd>x</kbd> select, <kbd>a</kbd> approve, <kbd>r</kbd> reject (with the reason above).
      </p>
    </>
  );
}

function toggled(set: ReadonlySet<string>, uid: string, isOn: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (isOn) next.add(uid);
  else next.delete(uid);
  return next;
}
