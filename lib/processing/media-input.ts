/**
 * How every ffprobe/ffmpeg run opens an upload: as a local file and through a media
 * demuxer only. An upload is untrusted text as much as video: a DASH or HLS manifest, an
 * ffconcat script or an image2 pattern would make the tool open other files on disk (the
 * upload folder holds everyone's uploads) or the network. `-protocol_whitelist file` keeps
 * it to local files, `-format_whitelist` to container formats that name no other file.
 * Both are AVFormatContext options (ffmpeg 5.1 `ffprobe -h full`), given before the input.
 */

/** Demuxers of real media containers and raw streams; none of them opens a second file. */
export const MEDIA_DEMUXERS = [
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', // the QuickTime/MP4 family (one demuxer)
  'matroska', 'webm',
  'avi', 'asf', 'flv', 'mpegts', 'mpeg', 'mpegvideo', 'mxf', 'dv', 'ogg', 'm4v',
  'wav', 'mp3', 'aac', 'ac3', 'eac3', 'flac', 'amr',
  'h264', 'hevc',
] as const;

/** The options that go right before an upload's path (ffmpeg: before its `-i`). */
export function mediaInputOptions(): string[] {
  return ['-protocol_whitelist', 'file', '-format_whitelist', MEDIA_DEMUXERS.join(',')];
}

/**
 * The upload's path as a `file:` URL: a name that looks like another protocol
 * (`concat:`, `subfile,,`) is then never read as one.
 */
export function mediaInputPath(file: string): string {
  return `file:${file}`;
}
