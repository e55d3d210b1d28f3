import type { VideoSummary } from '@/lib/videos/summarize-videos';

/** The thumbnail once the video is ready (the route answers image/jpeg only then); a plain box before. */
export function Thumbnail({ video }: { video: VideoSummary }) {
  if (video.status.state !== 'ready') return <div className="thumbnail thumbnail--empty" aria-hidden="true" />;
  return (
    // A plain <img>: the thumbnail route already sizes the image (height=…); no optimiser in between.
    // eslint-disable-next-line @next/next/no-img-element
    <img className="thumbnail" src={`${video.thumbnail}?height=180`} alt="" width={160} height={90} loading="lazy" decoding="async" />
  );
}
