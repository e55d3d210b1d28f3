import path from 'node:path';
import { uploadFilePath } from './upload-files';

/**
 * Where a video's encoded output lives, beside its upload (same volume, so every instance
 * and worker sees it): `<UPLOAD_DIR>/<uid>.stream/` holds the HLS master playlist
 * `video.m3u8`, the DASH manifest `video.mpd`, the media playlists and the CMAF segments
 * they name (relative names, so a token in place of the uid in the URL reaches them too);
 * `<UPLOAD_DIR>/<uid>.download/default.mp4` is the MP4 download.
 */

export const HLS_MASTER = 'video.m3u8';
export const DASH_MANIFEST = 'video.mpd';
export const DOWNLOAD_NAME = 'default.mp4';

export function streamDir(uid: string): string {
  return `${uploadFilePath(uid)}.stream`;
}

/**
 * Where encodes write (`<uid>.encoding/<attempt>/`) before their folder is renamed to
 * `<uid>.stream`: a half-written stream is never served, and two attempts never share files.
 */
export function encodingDir(uid: string): string {
  return `${uploadFilePath(uid)}.encoding`;
}

export function downloadDir(uid: string): string {
  return `${uploadFilePath(uid)}.download`;
}

export function downloadFile(uid: string): string {
  return path.join(downloadDir(uid), DOWNLOAD_NAME);
}

/** A file name inside the stream folder a URL may name: no folders, no dot files. */
const STREAM_FILE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The path of `name` inside the video's stream folder, or null when the name is not one. */
export function streamFilePath(uid: string, name: string): string | null {
  if (!STREAM_FILE.test(name) || name.includes('..')) return null;
  return path.join(streamDir(uid), name);
}
