'use client';

import { type FormEvent, useActionState } from 'react';
import { type DeleteResult, deleteVideoAction } from './delete-video-action';

/**
 * Delete (or "Discard upload" for an interrupted one): asks first, then the browser goes to
 * `/videos`, which says what was deleted; a refusal is announced beside the button.
 */
export function DeleteVideoButton({ uid, name, label = 'Delete video' }: { uid: string; name: string; label?: string }) {
  const [result, remove, isBusy] = useActionState<DeleteResult, FormData>(deleteVideoAction, null);
  const confirmDelete = (event: FormEvent<HTMLFormElement>) => {
    if (!window.confirm(`Delete “${name}” for good? Its file and streams are removed; this cannot be undone.`)) event.preventDefault();
  };
  return (
    <form action={remove} onSubmit={confirmDelete} className="owner-delete">
      <input type="hidden" name="uid" value={uid} />
      <button type="submit" className="button button--danger" disabled={isBusy}>
        {label}
      </button>
      <span role="status" className="owner-form__outcome" data-error={result ? true : undefined}>
        {result?.message ?? ''}
      </span>
    </form>
  );
}
