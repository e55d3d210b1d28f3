import { getEnv } from '@/lib/env';
import type { Video } from '@/lib/generated/prisma/client';
import { failureReason } from '@/lib/videos/failure-reason';
import { presentVideos, type VideoJson } from '@/lib/videos/present-video';
import { GONE_REASONS } from '@/lib/videos/states';
import { streamUrls } from './stream-urls';

/** What a page hands the player for one video: its stream (under `playbackId`), poster and state. */
export type PlayerView = {
  name: string;
  src: string;
  poster: string;
  status: Pick<VideoJson['status'], 'state' | 'pctComplete' | 'errorReasonText'>;
  isGone: boolean;
  width: number;
  height: number;
};

export function playerView(video: VideoJson, playbackId: string, options: { posterHeight?: number } = {}): PlayerView {
  const urls = streamUrls(playbackId);
  const { state, pctComplete, errorReasonText, errorReasonCode } = video.status;
  return {
    name: video.meta.name || 'Untitled video',
    src: urls.hls,
    poster: options.posterHeight ? `${urls.thumbnail}?height=${options.posterHeight}` : urls.thumbnail,
    // In words, on every page with a player: never a server path or a tool's output.
    status: { state, pctComplete, errorReasonText: state === 'error' ? failureReason({ errorReasonCode, errorReasonText }) : errorReasonText },
    isGone: state === 'error' && GONE_REASONS.includes(errorReasonCode),
    width: video.input.width,
    height: video.input.height,
  };
}

/** The same from a catalog row (the public pages, which show no summary). */
export async function playerViewOf(video: Video, playbackId: string): Promise<PlayerView> {
  const [json] = await presentVideos([video], { baseUrl: '', accountId: getEnv().accountId });
  return playerView(json!, playbackId);
}
