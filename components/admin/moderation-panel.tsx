'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import { ADMIN_NOTICE_KEY } from '@/components/admin/admin-notice';
import { type ActionResult, decideVideoAction } from '@/components/admin/decide-video-action';
import { REVIEW_REASON_MAX_LENGTH, type ReviewIntent } from '@/lib/validations/review-decision';
import { reviewBlocker } from '@/lib/videos/review-blocker';
import './admin-list.css';

type Props = { uid: string; name: string; state: string };

/**
 * An admin's decisions on the video page: Approve and Reject (with the reason the uploader
 * reads) where the state allows, and Delete, which asks first and then goes back to the list,
 * where the outcome shows.
 */
export function ModerationPanel({ uid, name, state }: Props) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  const [isBusy, startTransition] = useTransition();
  const headingId = useId();
  const blocker = reviewBlocker(state);

  const decide = (intent: ReviewIntent) => {
    const isDelete = intent === 'delete';
    if (isDelete && !window.confirm(`Delete “${name}” for good? Its file is removed; this cannot be undone.`)) return;
    startTransition(async () => {
      const outcome = await decideVideoAction({ uids: [uid], intent, reason: intent === 'reject' ? reason : undefined }, { isLeaving: isDelete });
      setResult(outcome);
      if (isDelete && outcome.ok) {
        sessionStorage.setItem(ADMIN_NOTICE_KEY, outcome.message);
        router.push('/admin');
      } else if (outcome.ok && intent === 'reject') {
        setReason('');
      }
    });
  };

  return (
    <section className="moderation" aria-labelledby={headingId}>
      <h2 id={headingId}>Moderation</h2>
      {blocker ? (
        <p className="moderation__note">Approve and Reject come once it can be reviewed: {blocker}.</p>
      ) : (
        <div className="field moderation__reason">
          <label htmlFor="moderation-reason">Reason sent with Reject (optional)</label>
          <input id="moderation-reason" type="text" maxLength={REVIEW_REASON_MAX_LENGTH} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
      )}
      <div className="moderation__buttons">
        {!blocker && (
          <>
            <button type="button" className="button" disabled={isBusy} onClick={() => decide('approve')}>
              Approve
            </button>
            <button type="button" className="button" disabled={isBusy} onClick={() => decide('reject')}>
              Reject
            </button>
          </>
        )}
        <button type="button" className="button button--danger" disabled={isBusy} onClick={() => decide('delete')}>
          Delete
        </button>
      </div>
      <p role="status" className="admin-result" data-error={result && !result.ok ? true : undefined}>
        {result?.message ?? ''}
      </p>
    </section>
  );
}
