import { headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import type { Video } from '@/lib/generated/prisma/client';
import { GRANTED_UID_HEADER } from './player-page-headers';

/**
 * The watch and iframe pages: the video server.ts's gate authorised for this request (null
 * when the request did not pass the gate, or the video went away since). Once per request.
 */
export const findGrantedVideo = cache(async (): Promise<Video | null> => {
  const uid = (await headers()).get(GRANTED_UID_HEADER);
  return uid ? getDb().video.findUnique({ where: { uid } }) : null;
});
