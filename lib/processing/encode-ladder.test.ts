import { expect, test } from '@playwright/test';
import { encodeArgs, filterGraph } from './encode-args';
import { planLadder } from './encode-ladder';
import { createProgressReader, percentDone } from './ffmpeg-progress';
import { fixMasterPlaylist, fixMediaPlaylist } from './finish-playlists';

const probe = (width: number, height: number, extra: Partial<Parameters<typeof planLadder>[0]> = {}) => ({
  width,
  height,
  frameRate: 30,
  audioCodec: 'aac',
  colorTransfer: null,
  ...extra,
});

const sizes = (width: number, height: number) => planLadder(probe(width, height)).renditions.map((r) => `${r.width}x${r.height}`);

test.describe('the ladder', () => {
  test('goes up to the input size, at most 1080p, with at least two renditions from 720p up', () => {
    expect(sizes(3840, 2160)).toEqual(['1920x1080', '1280x720', '640x360']);
    expect(sizes(1920, 1080)).toEqual(['1920x1080', '1280x720', '640x360']);
    expect(sizes(1280, 720)).toEqual(['1280x720', '640x360']);
    expect(sizes(640, 360)).toEqual(['640x360']);
    expect(sizes(320, 240)).toEqual(['320x240']);
  });

  test('goes by the short side for portrait video and keeps its orientation', () => {
    expect(sizes(1080, 1920)).toEqual(['1080x1920', '720x1280', '360x640']);
    expect(sizes(720, 1280)).toEqual(['720x1280', '360x640']);
  });

  test('keeps sizes even (4:2:0) and bitrates falling with size', () => {
    const ladder = planLadder(probe(1279, 721));
    for (const r of ladder.renditions) expect([r.width % 2, r.height % 2]).toEqual([0, 0]);
    const rates = ladder.renditions.map((r) => r.videoBitrate);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  });

  test('caps the frame rate at 60 and defaults an unknown one to 30', () => {
    expect(planLadder(probe(640, 360, { frameRate: 120 })).frameRate).toBe(60);
    expect(planLadder(probe(640, 360, { frameRate: 0 })).frameRate).toBe(30);
  });

  test('tone-maps HDR (PQ, HLG) and only converts the rest to 8-bit 4:2:0', () => {
    expect(filterGraph(planLadder(probe(640, 360, { colorTransfer: 'smpte2084' })))).toContain('tonemap');
    expect(filterGraph(planLadder(probe(640, 360, { colorTransfer: 'arib-std-b67' })))).toContain('tin=arib-std-b67');
    const sdr = filterGraph(planLadder(probe(640, 360, { colorTransfer: 'bt709' })));
    expect(sdr).not.toContain('tonemap');
    expect(sdr).toContain('format=yuv420p');
  });

  test('one ffmpeg run: aligned keyframes every 4 s, no audio for a silent input, input opened as a media file only', () => {
    const args = encodeArgs('/up/abc', '/out', planLadder(probe(1280, 720, { audioCodec: null })), { preset: 'veryfast', threads: 2 }).join(' ');
    expect(args).toContain('-g 120 -keyint_min 120 -sc_threshold 0');
    expect(args).toContain('-seg_duration 4');
    expect(args).toContain('-an');
    expect(args).not.toContain('0:a:0');
    expect(args).toContain('-protocol_whitelist file -format_whitelist');
    expect(args).toContain('-i file:/up/abc');
  });
});

test.describe('progress and playlists', () => {
  test('reads ffmpeg -progress blocks and never reports 100 before the end', () => {
    const seen: [number, boolean][] = [];
    const read = createProgressReader((s, end) => seen.push([s, end]));
    read('frame=10\nout_time_us=N/A\nprogress=continue\nout_time_us=1500000\nprog');
    read('ress=continue\nout_time_us=4000000\nprogress=end\n');
    expect(seen).toEqual([[0, false], [1.5, false], [4, true]]);
    expect(percentDone(4, 4, false)).toBe(99);
    expect(percentDone(1, 4, false)).toBe(25);
    expect(percentDone(4, 4, true)).toBe(100);
  });

  test('fills in a missing CODECS or RESOLUTION in the master and marks media playlists VOD', () => {
    const ladder = planLadder(probe(1280, 720));
    const mpd = '<Representation id="0" mimeType="video/mp4" codecs="avc1.64001f"/><Representation id="1" mimeType="video/mp4" codecs="avc1.64001e"/><Representation id="2" mimeType="audio/mp4" codecs="mp4a.40.2"/>';
    const master = fixMasterPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmedia_0.m3u8\n\n#EXT-X-STREAM-INF:BANDWIDTH=2,RESOLUTION=640x360\nmedia_1.m3u8\n', mpd, ladder);
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"');
    expect(master).toContain('#EXT-X-STREAM-INF:BANDWIDTH=2,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"');
    expect(() => fixMasterPlaylist('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nmedia_0.m3u8\n', mpd, ladder)).toThrow(/1 of 2/);
    const media = fixMediaPlaylist('#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\nseg-0-00001.m4s\n#EXT-X-ENDLIST\n');
    expect(media).toContain('#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:4');
    expect(media).not.toContain('PROGRAM-DATE-TIME');
  });
});
