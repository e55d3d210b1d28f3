'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState, useTransition } from 'react';
import { removeWebhookAction, saveWebhookAction, sendTestNoticeAction, type WebhookActionResult } from '@/components/admin/webhook-actions';
import styles from './webhook-settings.module.css';

type Props = { notificationUrl: string | null };

/**
 * The webhook's settings: save the notification URL (its signing secret is shown once, right
 * after), send a test notice, remove it. Each action's outcome is announced: role=status when
 * it worked, role=alert when not; the page's log below is refreshed.
 */
export function WebhookSettings({ notificationUrl }: Props) {
  const router = useRouter();
  const [result, setResult] = useState<(WebhookActionResult & { action: string }) | null>(null);
  const [isBusy, startTransition] = useTransition();
  const [draft, setDraft] = useState(notificationUrl ?? '');
  const inputId = useId();
  const hintId = useId();
  const isSet = notificationUrl !== null;

  const run = (action: string, call: () => Promise<WebhookActionResult>) =>
    startTransition(async () => {
      setResult(null);
      const outcome = await call();
      setResult({ ...outcome, action });
      router.refresh();
    });

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run('save', () => saveWebhookAction(draft));
  };
  const remove = () => {
    if (!window.confirm('Remove the webhook? No notices are sent until a notification URL is saved again.')) return;
    run('remove', async () => {
      const outcome = await removeWebhookAction();
      if (outcome.ok) setDraft('');
      return outcome;
    });
  };

  return (
    <div className={styles.settings}>
      <form onSubmit={save} className={styles.form} noValidate>
        <label htmlFor={inputId} className={styles.label}>
          Notification URL
        </label>
        <p id={hintId} className={styles.hint}>
          An http:// or https:// address. When a video is ready or fails, Upstream POSTs its details there, signed with the
          secret (header Webhook-Signature).
        </p>
        <div className={styles.row}>
          <input
            id={inputId}
            name="notificationUrl"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            className={styles.input}
            aria-describedby={hintId}
            aria-invalid={result?.action === 'save' && !result.ok ? true : undefined}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={isBusy}>
            Save
          </button>
        </div>
      </form>

      <p className={styles.current}>
        {isSet ? (
          <>
            Notices go to <code className={styles.url}>{notificationUrl}</code>. Signing secret: set.
          </>
        ) : (
          'No webhook is set: no notices are sent.'
        )}
      </p>

      {result?.secret && (
        <div className={styles.secret}>
          <p>
            <strong>Signing secret</strong>, shown only this once: copy it to the receiver now.
          </p>
          <code className={styles.secretValue}>
            {result.secret}
          </code>
        </div>
      )}

      {isSet && (
        <div className={styles.actions}>
          <button type="button" className="button" disabled={isBusy} onClick={() => run('test', sendTestNoticeAction)}>
            Send a test notice
          </button>
          <button type="button" className="button button--danger" disabled={isBusy} onClick={remove}>
            Remove webhook
          </button>
        </div>
      )}

      {/* Always in the page, so that screen readers announce what appears in it. */}
      <div role="status" className={styles.outcome}>
        {isBusy ? <p className={styles.busy}>Working…</p> : result?.ok && <p className={styles.ok}>{result.message}</p>}
      </div>
      {!isBusy && result && !result.ok && (
        <p role="alert" className="notice notice--error">
          {result.message}
        </p>
      )}
    </div>
  );
}
