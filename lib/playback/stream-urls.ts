import { HLS_MASTER } from '@/lib/storage/stream-files';

/**
 * A video's public URLs with `id` in the uid's place: the uid, or a signed token (then every
 * URL the page builds carries the same token, and a signed stream plays). Relative to the page's
 * origin unless `baseUrl` is given.
 */
export function streamUrls(id: string, baseUrl = '') {
  const stream = `${baseUrl}/stream/${encodeURIComponent(id)}`;
  return {
    hls: `${stream}/manifest/${HLS_MASTER}`,
    thumbnail: `${stream}/thumbnails/thumbnail.jpg`,
    watch: `${stream}/watch`,
    iframe: `${stream}/iframe`,
  };
}
