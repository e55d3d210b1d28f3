'use client';

import { useEffect, useRef, useState } from 'react';

/** Puts the text on the clipboard; where the Clipboard API is missing (plain http off localhost), a selected textarea. */
async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    area.remove();
  }
}

/**
 * A button that copies exactly `text` and announces "Copied" (a status beside it, read out by
 * screen readers); its name (`label`) says what it copies, and stays the same.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [outcome, setOutcome] = useState<'' | 'Copied' | 'Could not copy: select the text and copy it.'>('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    clearTimeout(timer.current);
    try {
      await copyText(text);
      setOutcome('Copied');
      timer.current = setTimeout(() => setOutcome(''), 4000);
    } catch {
      setOutcome('Could not copy: select the text and copy it.');
    }
  };

  return (
    <span className="copy-button">
      <button type="button" className="button button--quiet" onClick={copy}>
        {label}
      </button>
      <span role="status" className="copy-button__outcome" data-error={outcome && outcome !== 'Copied' ? true : undefined}>
        {outcome}
      </span>
    </span>
  );
}
