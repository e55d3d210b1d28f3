import type { DetailedError } from 'tus-js-client';

/**
 * Upload errors in words. The mint (/api/uploads) answers Cloudflare's JSON envelope with a
 * message; the upload URL answers plain text. A bare status code is never shown.
 */

function serverMessage(body: string | null | undefined): string | null {
  const text = body?.trim();
  if (!text) return null;
  if (text.startsWith('{')) {
    try {
      const json = JSON.parse(text) as { errors?: { message?: unknown }[] };
      const message = json.errors?.[0]?.message;
      return typeof message === 'string' && message.trim() ? message.trim() : null;
    } catch {
      return null;
    }
  }
  // Plain text from the upload URL; an HTML error page from a proxy says nothing useful.
  return text.length <= 300 && !text.startsWith('<') ? text : null;
}

function ensureSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function describeUploadError(error: unknown): string {
  const detailed = error as Partial<DetailedError>;
  const response = detailed.originalResponse;
  if (!response) {
    if (detailed.originalRequest) return 'The server could not be reached. Check your connection, then choose Retry.';
    const text = error instanceof Error ? error.message : '';
    if (text.includes('source is done after')) return 'The file changed on your device while it was uploading. Choose it again to start over.';
    return 'The upload stopped unexpectedly. Choose Retry to continue where it stopped.';
  }
  const status = response.getStatus();
  const said = serverMessage(response.getBody());
  switch (true) {
    case status === 401:
      return 'You are signed out. Sign in again, then choose the file again.';
    case status === 404 || status === 410:
      return 'This upload can no longer be continued: its link has expired or the video was removed. Choose the file again to start over.';
    case status === 413:
      return ensureSentence(said ?? 'The file is larger than the server accepts');
    case status >= 500:
      return `The server had a problem${said ? ` (${said.replace(/[.]$/, '')})` : ''}. Choose Retry to continue where it stopped.`;
    default:
      return ensureSentence(said ?? 'The server refused this upload');
  }
}

/** The server said the session is gone (401): the item offers a way to sign in again. */
export function isSignedOutError(error: unknown): boolean {
  return (error as Partial<DetailedError>).originalResponse?.getStatus() === 401;
}
