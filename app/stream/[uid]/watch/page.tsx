import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RefreshWhileChanging } from '@/components/player/refresh-while-changing';
import { VideoPlayer } from '@/components/player/video-player';
import { findGrantedVideo } from '@/lib/playback/find-granted-video';
import { playerViewOf } from '@/lib/playback/player-view';

/**
 * `/stream/{idOrToken}/watch`: Cloudflare's `preview`, a public page with the title and the
 * player, no sign-in. server.ts's gate has checked the id or token (refusals never get here).
 */

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ uid: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const video = await findGrantedVideo();
  return { title: video ? video.name || 'Untitled video' : 'Video', robots: { index: false } };
}

export default async function WatchPage({ params }: Props) {
  const { uid: idOrToken } = await params;
  const video = await findGrantedVideo();
  if (!video) notFound();
  const view = await playerViewOf(video, idOrToken);
  return (
    <>
      <h1 className="title-break">{view.name}</h1>
      <VideoPlayer src={view.src} poster={view.poster} status={view.status} isGone={view.isGone} width={view.width} height={view.height} />
      <RefreshWhileChanging states={[view.status.state]} />
    </>
  );
}
