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
  readyToStreamAt: string | null;
  requireSignedURLs: boolean;
  allowedOrigins: string[];
  scheduledDeletion: string | null;
  /** Lowercase hex sha256 of the complete original; null before the last byte. */
  sha256: string | null;
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

export function parseAllowedOrigins(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
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
    state === 'pendingupload'
      ? percent(uploadedBytes ?? 0, size)
      : state === 'ready' || state === 'error'
        ? '100'
        : state === 'inprogress'
          ? String(Math.floor(video.pctComplete * 100) / 100)
          : '0';
  const stream = `${links.baseUrl}/stream/${video.uid}`;
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
    readyToStreamAt: isReady ? (video.readyAt?.toISOString() ?? null) : null,
    requireSignedURLs: video.requireSignedURLs,
    allowedOrigins: parseAllowedOrigins(video.allowedOrigins),
    scheduledDeletion: video.scheduledDeletion?.toISOString() ?? null,
    sha256: video.sha256,
    thumbnail: `${stream}/thumbnails/thumbnail.jpg`,
    thumbnailTimestampPct: video.thumbnailTimestampPct,
    playback: isReady
      ? {
          hls: `${stream}/manifest/video.m3u8`,
          dash: `${stream}/manifest/video.mpd`,
          original: `${links.baseUrl}/client/v4/accounts/${links.accountId}/stream/${video.uid}/original`,
        }
      : {},
    preview: `${stream}/watch`,
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
