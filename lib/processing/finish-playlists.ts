import fs from 'node:fs/promises';
import path from 'node:path';
import { DASH_MANIFEST, HLS_MASTER } from '@/lib/storage/stream-files';
import { AUDIO_BITRATE, type Ladder } from './encode-ladder';

/**
 * The `dash` muxer's HLS output, checked and made VOD-proper after the run:
 * - the master must carry BANDWIDTH, RESOLUTION and CODECS on every EXT-X-STREAM-INF (hls.js
 *   and Safari choose renditions by them); ffmpeg 5.1 writes them, but a missing one is
 *   filled in from the ladder and the MPD's codec strings rather than shipped;
 * - media playlists get `EXT-X-PLAYLIST-TYPE:VOD` and lose `EXT-X-PROGRAM-DATE-TIME` (the
 *   wall clock of the encode, meaningless to a viewer).
 */

export class BadEncoderOutputError extends Error {
  override name = 'BadEncoderOutputError';
}

function mpdCodecs(mpd: string): Map<string, string> {
  const codecs = new Map<string, string>();
  for (const match of mpd.matchAll(/<Representation id="(\d+)"[^>]*?codecs="([^"]+)"/g)) codecs.set(match[1]!, match[2]!);
  return codecs;
}

export function fixMasterPlaylist(master: string, mpd: string, ladder: Ladder): string {
  const codecs = mpdCodecs(mpd);
  const audioCodec = ladder.hasAudio ? codecs.get(String(ladder.renditions.length)) ?? 'mp4a.40.2' : null;
  let index = 0;
  const lines = master.split('\n').map((line) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return line;
    const rendition = ladder.renditions[index];
    const videoCodec = codecs.get(String(index)) ?? 'avc1.640028';
    index += 1;
    if (!rendition) throw new BadEncoderOutputError('The master playlist lists more renditions than were encoded.');
    let attributes = line.slice('#EXT-X-STREAM-INF:'.length);
    const add = (name: string, value: string) => {
      if (!new RegExp(`(^|,)${name}=`).test(attributes)) attributes += `,${name}=${value}`;
    };
    add('BANDWIDTH', String(rendition.maxBitrate + (ladder.hasAudio ? AUDIO_BITRATE : 0)));
    add('RESOLUTION', `${rendition.width}x${rendition.height}`);
    add('CODECS', `"${[videoCodec, audioCodec].filter(Boolean).join(',')}"`);
    return `#EXT-X-STREAM-INF:${attributes}`;
  });
  if (index !== ladder.renditions.length) throw new BadEncoderOutputError(`The master playlist lists ${index} of ${ladder.renditions.length} renditions.`);
  return lines.filter((line, i, all) => line !== '' || (all[i - 1] ?? '') !== '').join('\n');
}

export function fixMediaPlaylist(playlist: string): string {
  const lines = playlist.split('\n').filter((line) => !line.startsWith('#EXT-X-PROGRAM-DATE-TIME'));
  if (!lines.some((line) => line.startsWith('#EXT-X-PLAYLIST-TYPE'))) {
    const at = lines.findIndex((line) => line.startsWith('#EXT-X-TARGETDURATION'));
    lines.splice(at >= 0 ? at : 1, 0, '#EXT-X-PLAYLIST-TYPE:VOD');
  }
  if (!lines.includes('#EXT-X-ENDLIST')) throw new BadEncoderOutputError('A media playlist has no end: the encode did not finish.');
  return lines.join('\n');
}

export async function finishPlaylists(dir: string, ladder: Ladder): Promise<void> {
  const read = (name: string) => fs.readFile(path.join(dir, name), 'utf8').catch(() => null);
  const [master, mpd] = await Promise.all([read(HLS_MASTER), read(DASH_MANIFEST)]);
  if (master === null || mpd === null) throw new BadEncoderOutputError('The encoder wrote no manifest.');
  await fs.writeFile(path.join(dir, HLS_MASTER), fixMasterPlaylist(master, mpd, ladder));
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.m3u8') && name !== HLS_MASTER);
  for (const name of names) {
    const playlist = await read(name);
    if (playlist !== null) await fs.writeFile(path.join(dir, name), fixMediaPlaylist(playlist));
  }
}
