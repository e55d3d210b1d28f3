'use client';

import { useActionState } from 'react';
import { MAX_VIDEO_NAME_LENGTH } from '@/lib/validations/rename-video';
import { type RenameResult, renameVideoAction } from './rename-video-action';

/** The owner's rename form: the name is checked again on the server; the outcome is announced. */
export function RenameForm({ uid, name }: { uid: string; name: string }) {
  const [result, rename, isBusy] = useActionState<RenameResult, FormData>(renameVideoAction, null);
  const isError = result !== null && !result.ok;
  return (
    <form action={rename} className="owner-form" aria-label="Rename the video">
      <input type="hidden" name="uid" value={uid} />
      <div className="field">
        <label htmlFor="video-name">Name</label>
        <input
          id="video-name"
          name="name"
          type="text"
          // After a refused name, the field keeps what was typed; otherwise the saved name.
          key={isError ? `sent:${result.name ?? ''}` : name}
          defaultValue={isError ? (result.name ?? name) : name}
          maxLength={MAX_VIDEO_NAME_LENGTH}
          autoComplete="off"
          aria-invalid={isError || undefined}
          aria-describedby="video-name-outcome"
        />
      </div>
      <div className="owner-form__actions">
        <button type="submit" className="button" disabled={isBusy}>
          Rename
        </button>
      </div>
      <p id="video-name-outcome" role="status" className="owner-form__outcome" data-error={isError || undefined}>
        {result?.message ?? ''}
      </p>
    </form>
  );
}
