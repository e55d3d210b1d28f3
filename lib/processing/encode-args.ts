import { DASH_MANIFEST, HLS_MASTER } from '@/lib/storage/stream-files';
import { AUDIO_BITRATE, type Ladder } from './encode-ladder';
import { mediaInputOptions, mediaInputPath } from './media-input';

/**
 * One ffmpeg run for the whole ladder: the video is decoded once (ffmpeg applies the
 * rotation flag while decoding), made constant-frame-rate and 8-bit 4:2:0 SDR, then split
 * and scaled once per rendition. Every rendition has a keyframe every SEGMENT_SECONDS at
 * the same instants (forced key frames, no scene-cut keyframes), so segments line up and a
 * player can switch between them at any segment. The `dash` muxer writes CMAF (fMP4)
 * segments once and both a DASH MPD and HLS playlists over them.
 */

export const SEGMENT_SECONDS = 4;

export type EncodeOptions = {
  /** x264 preset: ENCODE_PRESET. */
  preset: string;
  threads: number;
};

/** 10-bit or HDR in, 8-bit SDR out: PQ/HLG are tone-mapped (zscale + tonemap), the rest only converted. */
function toSdr(ladder: Ladder): string {
  if (!ladder.isHdr) return 'format=yuv420p';
  // The input's transfer is named (PQ or HLG); BT.2020 primaries and matrix are assumed, as
  // HDR video always has them and phones do not always tag them (zscale stops on a gap).
  const input = `tin=${ladder.colorTransfer}:min=bt2020nc:pin=bt2020`;
  return `zscale=${input}:t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p`;
}

export function filterGraph(ladder: Ladder): string {
  const n = ladder.renditions.length;
  const outs = ladder.renditions.map((_, i) => `[s${i}]`).join('');
  const head = `[0:${ladder.videoStreamIndex}]fps=${ladder.frameRate},${toSdr(ladder)},split=${n}${outs}`;
  const scales = ladder.renditions.map((r, i) => `[s${i}]scale=${r.width}:${r.height},setsar=1[v${i}]`);
  return [head, ...scales].join(';');
}

export function encodeArgs(input: string, outDir: string, ladder: Ladder, options: EncodeOptions): string[] {
  const gop = Math.max(1, Math.round(ladder.frameRate * SEGMENT_SECONDS));
  const perRendition = ladder.renditions.flatMap((r, i) => [
    `-b:v:${i}`, String(r.videoBitrate),
    `-maxrate:v:${i}`, String(r.maxBitrate),
    `-bufsize:v:${i}`, String(r.maxBitrate * 2),
  ]);
  const audio = ladder.hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', String(AUDIO_BITRATE), '-ac', '2'] : ['-an'];
  const adaptationSets = ladder.hasAudio ? 'id=0,streams=v id=1,streams=a' : 'id=0,streams=v';
  return [
    '-hide_banner', '-nostdin', '-v', 'error',
    ...mediaInputOptions(), '-i', mediaInputPath(input),
    '-filter_complex', filterGraph(ladder),
    ...ladder.renditions.flatMap((_, i) => ['-map', `[v${i}]`]),
    ...audio,
    '-sn', '-dn', '-map_metadata', '-1', '-map_chapters', '-1',
    '-c:v', 'libx264', '-preset', options.preset, '-profile:v', 'high', '-pix_fmt', 'yuv420p',
    ...(ladder.isHdr ? ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'] : []),
    ...perRendition,
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`,
    '-fps_mode', 'cfr',
    '-threads', String(options.threads),
    '-f', 'dash',
    '-seg_duration', String(SEGMENT_SECONDS),
    '-use_template', '1', '-use_timeline', '1',
    '-adaptation_sets', adaptationSets,
    '-init_seg_name', 'init-$RepresentationID$.$ext$',
    '-media_seg_name', 'seg-$RepresentationID$-$Number%05d$.$ext$',
    '-hls_playlist', '1', '-hls_master_name', HLS_MASTER,
    '-progress', 'pipe:1', '-nostats',
    '-y', `${outDir}/${DASH_MANIFEST}`,
  ];
}
