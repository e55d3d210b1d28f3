import type { Video } from '@/lib/generated/prisma/client';
import { storedBytes } from '@/lib/storage/upload-files';
import type { VideoState } from './states';

/** A video as the API shows it: Cloudflare Stream's VIDEO object, plus `review`. */
export type VideoJson = {
  uid: string;
  creator: string | null;
  meta: Record<string, string>;
  created: string;
  modified: string;
  uploaded: string | null;
  uploadExpiry: string;
  maxDurationSeconds: number;
  duration: number;
  input: { width: number; height: number };
  size: number;
  status: { state: VideoState; pctComplete: string; errorReasonCode: string; errorReasonText: string };
  readyToStream: boolean;
  requireSignedURLs: boolean;
  thumbnail: string;
  thumbnailTimestampPct: number;
  playback: Record<string, string>;
  preview: string;
  review: string;
  reviewedAt: string | null;
  /** Upstream's: why a video waits, or what processing last said (e.g. ffmpeg missing). */
  processingNote: string | null;
};

export type VideoLinks = { baseUrl: string; accountId: string };

function parseMeta(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function percent(done: number, total: number): string {
  if (total <= 0) return '0';
  return String(Math.floor((done / total) * 10_000) / 100);
}

export function presentVideo(video: Video, links: VideoLinks, uploadedBytes: number | null): VideoJson {
  const state = video.state as VideoState;
  const size = Number(video.size);
  const isReady = state === 'ready';
  const pctComplete =
    state === 'pendingupload' ? percent(uploadedBytes ?? 0, size) : state === 'ready' || state === 'error' ? '100' : '0';
  return {
    uid: video.uid,
    creator: video.creator,
    meta: { ...parseMeta(video.meta), name: video.name },
    created: video.created.toISOString(),
    modified: video.modified.toISOString(),
    uploaded: video.uploaded?.toISOString() ?? null,
    uploadExpiry: video.uploadExpiry.toISOString(),
    maxDurationSeconds: video.maxDurationSeconds,
    duration: video.duration,
    input: { width: video.width, height: video.height },
    size,
    status: {
      state,
      pctComplete,
      errorReasonCode: video.errorReasonCode ?? '',
      errorReasonText: video.errorReasonText ?? '',
    },
    readyToStream: isReady,
    requireSignedURLs: video.requireSignedURLs,
    thumbnail: `${links.baseUrl}/stream/${video.uid}/thumbnails/thumbnail.jpg`,
    thumbnailTimestampPct: video.thumbnailTimestampPct,
    playback: isReady ? { original: `${links.baseUrl}/client/v4/accounts/${links.accountId}/stream/${video.uid}/original` } : {},
    preview: `${links.baseUrl}/videos/${video.uid}`,
    review: video.review,
    reviewedAt: video.reviewedAt?.toISOString() ?? null,
    processingNote: video.processingNote,
  };
}

/** Presents several videos; uploads still in progress report how many bytes have arrived. */
export async function presentVideos(videos: Video[], links: VideoLinks): Promise<VideoJson[]> {
  return Promise.all(
    videos.map(async (video) =>
      presentVideo(video, links, video.state === 'pendingupload' ? await storedBytes(video.uid) : null),
    ),
  );
}
