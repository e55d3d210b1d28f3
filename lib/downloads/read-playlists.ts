/**
 * Reads the HLS playlists the encoder wrote (master + media, RFC 8216) to find the files of
 * the top rendition: its video playlist's init segment and media segments, and those of the
 * audio rendition it plays with (when audio is a separate group). Pure: text in, names out.
 */

export type TrackFiles = { init: string | null; segments: string[] };
export type TopRendition = { video: string; audio: string | null };

function attributes(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = line.slice(line.indexOf(':') + 1);
  for (const match of text.matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g)) out[match[1]!] = match[2]!.replace(/^"|"$/g, '');
  return out;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

/** The media playlists of the variant with the highest bandwidth (then height), and its audio group's default rendition. */
export function readTopRendition(master: string): TopRendition | null {
  const all = lines(master);
  let best: { uri: string; bandwidth: number; height: number; audio?: string } | null = null;
  for (let i = 0; i < all.length; i += 1) {
    const line = all[i]!;
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue;
    const uri = all.slice(i + 1).find((next) => !next.startsWith('#'));
    if (!uri) continue;
    const attrs = attributes(line);
    const bandwidth = Number(attrs.BANDWIDTH ?? 0) || 0;
    const height = Number(/x(\d+)$/.exec(attrs.RESOLUTION ?? '')?.[1] ?? 0);
    if (!best || bandwidth > best.bandwidth || (bandwidth === best.bandwidth && height > best.height)) {
      best = { uri, bandwidth, height, audio: attrs.AUDIO };
    }
  }
  if (!best) return null;
  let audio: string | null = null;
  if (best.audio) {
    const renditions = all
      .filter((line) => line.startsWith('#EXT-X-MEDIA:'))
      .map(attributes)
      .filter((attrs) => attrs.TYPE === 'AUDIO' && attrs['GROUP-ID'] === best.audio && attrs.URI);
    audio = (renditions.find((attrs) => attrs.DEFAULT === 'YES') ?? renditions[0])?.URI ?? null;
  }
  return { video: best.uri, audio };
}

/** The init segment (EXT-X-MAP) and media segments a media playlist names, in order. */
export function readMediaPlaylist(text: string): TrackFiles {
  let init: string | null = null;
  const segments: string[] = [];
  for (const line of lines(text)) {
    if (line.startsWith('#EXT-X-MAP:')) init ??= attributes(line).URI ?? null;
    else if (line.startsWith('#EXT-X-BYTERANGE')) throw new Error('Byte-range playlists are not supported for downloads.');
    else if (!line.startsWith('#')) segments.push(line);
  }
  return { init, segments };
}
