import Link from 'next/link';
import type { ReactNode } from 'react';
import { Thumbnail } from '@/components/videos/thumbnail';
import type { VideoSummary } from '@/lib/videos/summarize-videos';
import { videoName } from '@/lib/videos/video-name';

export type VideoFact = { term: string; detail: ReactNode };

type Props = {
  video: VideoSummary;
  /** The title's heading level: under the page's h1, or under a section's h2. */
  headingLevel: 2 | 3;
  /** The state (and review) badges under the title. */
  badges: ReactNode;
  facts: readonly VideoFact[];
  /** What follows the facts: the admin's player and buttons. */
  children?: ReactNode;
};

/** One video in a list (`/videos`, `/admin`): thumbnail, a title that links to the video, badges, facts. */
export function VideoCard({ video, headingLevel, badges, facts, children }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="video-card">
      <Thumbnail video={video} />
      <div className="video-card__body">
        <Heading className="video-card__title">
          <Link href={`/videos/${video.uid}`}>{videoName(video)}</Link>
        </Heading>
        {badges}
        <dl className="facts">
          {facts.map((fact) => (
            <div key={fact.term}>
              <dt>{fact.term}</dt>
              <dd>{fact.detail}</dd>
            </div>
          ))}
        </dl>
        {children}
      </div>
    </li>
  );
}
