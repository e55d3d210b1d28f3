'use client';

import { type FormEvent, useActionState } from 'react';
import { type ActionResult, decideVideoAction } from '@/components/admin/decide-video-action';

/** Approve, Reject and Delete for one video. Delete asks first; the outcome is announced. */
export function ReviewControls({ uid, name }: { uid: string; name: string }) {
  const [result, decide, isBusy] = useActionState<ActionResult, FormData>(decideVideoAction, null);

  const confirmDelete = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value !== 'delete') return;
    if (!window.confirm(`Delete “${name}” for good? Its file is removed; this cannot be undone.`)) event.preventDefault();
  };

  return (
    <form action={decide} onSubmit={confirmDelete} className="review-controls">
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="name" value={name} />
      <div className="review-controls__buttons">
        <button type="submit" name="intent" value="approve" className="button" disabled={isBusy}>
          Approve
        </button>
        <button type="submit" name="intent" value="reject" className="button" disabled={isBusy}>
          Reject
        </button>
        <button type="submit" name="intent" value="delete" className="button button--danger" disabled={isBusy}>
          Delete
        </button>
      </div>
      <p role="status" className="review-controls__result" data-error={result && !result.ok ? true : undefined}>
        {result?.message ?? ''}
      </p>
    </form>
  );
}
