import { findUserEmails } from '@/lib/auth/users';
import type { Video } from '@/lib/generated/prisma/client';
import { findLastByteTimes } from './find-last-byte-times';
import { isUploadInterrupted } from './interrupted-upload';
import { isGone } from './states';
import { type VideoJson, presentVideos } from './present-video';

/** What the app's pages show of a video: the API's VIDEO JSON plus who owns and who reviewed it. */
export type VideoSummary = VideoJson & {
  ownerEmail: string | null;
  /** Who decided: for admins' eyes only (the uploader reads `reviewReason` instead). */
  reviewerEmail: string | null;
  /** Why it was rejected, in the reviewer's words for the uploader. */
  reviewReason: string | null;
  processingNote: string | null;
  /** The upload finished and its bytes are still stored: the player can stream the original. */
  isPlayable: boolean;
  originalUrl: string;
  /** Still `pendingupload`, but no byte has arrived for a long while (lib/videos/interrupted-upload.ts). */
  isInterrupted: boolean;
};

export async function summarizeVideos(videos: Video[], accountId: string): Promise<VideoSummary[]> {
  // Links relative to the page: the browser resolves them against whatever origin served it.
  const pending = videos.filter((video) => video.state === 'pendingupload').map((video) => video.uid);
  const [json, emails, lastByteTimes] = await Promise.all([
    presentVideos(videos, { baseUrl: '', accountId }),
    findUserEmails(videos.flatMap((video) => [video.ownerId, video.reviewedById])),
    findLastByteTimes(pending),
  ]);
  const now = new Date();
  return videos.map((video, i) => ({
    ...json[i]!,
    ownerEmail: video.ownerId ? (emails.get(video.ownerId) ?? null) : null,
    reviewerEmail: video.reviewedById ? (emails.get(video.reviewedById) ?? null) : null,
    reviewReason: video.review === 'rejected' ? video.reviewReason : null,
    isPlayable: video.uploaded !== null && !isGone(video),
    originalUrl: `/client/v4/accounts/${accountId}/stream/${video.uid}/original`,
    isInterrupted: isUploadInterrupted(video, lastByteTimes.get(video.uid) ?? null, now),
  }));
}
