/**
 * An abandoned upload: `pendingupload`, and no byte has arrived for INTERRUPTED_AFTER_MS.
 *
 * Why 30 minutes: an uploader that is still there sends all the time. tus-js-client retries a
 * failed PATCH within seconds (its retryDelays) and then gives up; the app's uploader resumes
 * only when its file is chosen again, and one that is paused waits for a person. So half an hour
 * without a byte means nobody is sending, while a slow link (a PATCH writes as its bytes come) or
 * a short outage never reads as interrupted. An upload whose URL expired is not this case: the
 * cleanup job ends it as `error` / ERR_UPLOAD_EXPIRED within a minute.
 */
export const INTERRUPTED_AFTER_MS = 30 * 60 * 1000;

/** `lastByteAt`: when the stored file was last written (null: no file yet, the mint's time counts). */
export function isUploadInterrupted(video: { state: string; created: Date }, lastByteAt: Date | null, now: Date): boolean {
  if (video.state !== 'pendingupload') return false;
  const lastActivity = Math.max(video.created.getTime(), lastByteAt?.getTime() ?? 0);
  return now.getTime() - lastActivity >= INTERRUPTED_AFTER_MS;
}
