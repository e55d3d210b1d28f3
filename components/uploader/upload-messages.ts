/** What the item says in words about one upload, besides the errors tus-js-client reports (describe-error.ts). */

export function describeNotTheSameFile(chosenName: string, uploadName: string): string {
  return `“${chosenName}” is not the file this upload was made from (its size or content differ). Choose “${uploadName}” to resume.`;
}

export function describeUnreadable(fileName: string): string {
  return `“${fileName}” could not be read. It may have been moved or deleted; choose it again.`;
}

export function describeAlreadyListed(fileName: string): string {
  return `“${fileName}” is already in the list above.`;
}

/** A stored URL the server no longer knows (expired, removed): tus-js-client mints a new one. */
export const STARTS_OVER_MESSAGE = 'The earlier upload of this file could not be continued (it expired or was removed), so it starts over.';

/** What went wrong with a request that is tried again, and when (0 for right away, `status` 0 when no answer came). */
export function describeRetry(status: number, delayMs: number): string {
  const trouble =
    status === 0
      ? 'The connection dropped.'
      : status === 460
        ? 'Some bytes arrived damaged.'
        : status >= 500
          ? 'The server had a problem.'
          : 'The server was busy with this upload.';
  return `${trouble} Trying again${delayMs > 0 ? ` in ${delayMs / 1000} s` : ''}…`;
}
