import { expect, test } from '@playwright/test';
import { readMediaPlaylist, readTopRendition } from './read-playlists';

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_A1",NAME="audio_2",DEFAULT=YES,URI="media_2.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=221106,RESOLUTION=160x120,CODECS="avc1.42c00c,mp4a.40.2",AUDIO="group_A1"
media_1.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=473446,RESOLUTION=320x240,CODECS="avc1.42c014,mp4a.40.2",AUDIO="group_A1"
media_0.m3u8
`;

test.describe('reading the encoder playlists for a download', () => {
  test('the top rendition is the variant with the highest bandwidth, with its default audio rendition', () => {
    expect(readTopRendition(MASTER)).toEqual({ video: 'media_0.m3u8', audio: 'media_2.m3u8' });
  });

  test('a variant without an audio group has no separate audio', () => {
    expect(readTopRendition('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1000,RESOLUTION=640x360\nv360.m3u8\n')).toEqual({ video: 'v360.m3u8', audio: null });
    expect(readTopRendition('#EXTM3U\n')).toBeNull();
  });

  test('a media playlist gives its init segment and its segments in order', () => {
    const media = '#EXTM3U\n#EXT-X-MAP:URI="init-stream0.m4s"\n#EXTINF:2.0,\nchunk-stream0-00001.m4s\n#EXTINF:1.0,\nchunk-stream0-00002.m4s\n#EXT-X-ENDLIST\n';
    expect(readMediaPlaylist(media)).toEqual({ init: 'init-stream0.m4s', segments: ['chunk-stream0-00001.m4s', 'chunk-stream0-00002.m4s'] });
  });
});
