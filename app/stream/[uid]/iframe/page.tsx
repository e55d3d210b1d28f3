import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { VideoPlayer } from '@/components/player/video-player';
import { findGrantedVideo } from '@/lib/playback/find-granted-video';
import { playerViewOf } from '@/lib/playback/player-view';
import { readPlayerOptions } from '@/lib/universal/read-player-options';

/**
 * `/stream/{idOrToken}/iframe`: the player alone, full-bleed, for `<iframe>` embedding, with
 * Cloudflare's query parameters (`?autoplay=true&muted=true`, `loop`, `controls=false`,
 * `preload`, `startTime=1m30s`; browsers autoplay only muted video). server.ts's gate has
 * checked the id or token and set `frame-ancestors` (any site, or the video's allowedOrigins).
 */

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ uid: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const video = await findGrantedVideo();
  return { title: video ? video.name || 'Untitled video' : 'Video', robots: { index: false } };
}

export default async function IframePage({ params, searchParams }: Props) {
  const [{ uid: idOrToken }, query] = await Promise.all([params, searchParams]);
  const video = await findGrantedVideo();
  if (!video) notFound();
  const view = await playerViewOf(video, idOrToken);
  return (
    <>
      <h1 className="visually-hidden">{view.name}</h1>
      <VideoPlayer src={view.src} poster={view.poster} status={view.status} isGone={view.isGone} options={readPlayerOptions(query)} fill />
      <RefreshWhileChanging states={[view.status.state]} />
    </>
  );
}
