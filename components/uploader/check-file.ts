import { formatBytes, formatDuration } from '@/lib/universal/format';
import { readFromFileVideo } from './file-video';

/** Checks made in the browser before a single byte is sent, each with a message a person understands. */

export type FileLimits = { maxUploadBytes: number; maxDurationSeconds: number };

export type FileCheck = { isAccepted: true } | { isAccepted: false; message: string };

// Browsers leave `type` empty for some containers (e.g. .mkv on Windows): trust the extension then.
const VIDEO_EXTENSIONS = /\.(mp4|m4v|mov|qt|webm|mkv|avi|wmv|flv|mpg|mpeg|m2ts|mts|ts|3gp|3g2|ogv|mxf)$/i;

export function isVideoFile(file: File): boolean {
  if (file.type.startsWith('video/')) return true;
  return (file.type === '' || file.type === 'application/octet-stream') && VIDEO_EXTENSIONS.test(file.name);
}

/**
 * The duration written in the file's own metadata, read by the browser's media stack
 * (only the header is read, not the whole file). null when the browser cannot tell, e.g.
 * a codec it does not play: the server checks again after the upload.
 */
export function readVideoDuration(file: File, timeoutMs = 8000): Promise<number | null> {
  return readFromFileVideo<number>(file, { preload: 'metadata', timeoutMs }, (video, finish) => {
    video.onloadedmetadata = () => finish(Number.isFinite(video.duration) && video.duration > 0 ? video.duration : null);
  });
}

export async function checkFile(file: File, limits: FileLimits): Promise<FileCheck> {
  const name = `“${file.name}”`;
  if (!isVideoFile(file)) {
    return { isAccepted: false, message: `${name} is not a video file. Choose a video, for example MP4, MOV or WebM.` };
  }
  if (file.size === 0) return { isAccepted: false, message: `${name} is empty (0 bytes). Choose another file.` };
  if (file.size > limits.maxUploadBytes) {
    // Rounded sizes can look equal just over the limit: then say the bytes.
    const [size, max] = [formatBytes(file.size), formatBytes(limits.maxUploadBytes)];
    const exact = (n: number) => `${n.toLocaleString('en-US')} bytes`;
    const [shownSize, shownMax] = size === max ? [exact(file.size), exact(limits.maxUploadBytes)] : [size, max];
    return { isAccepted: false, message: `${name} is ${shownSize}, larger than this server's limit of ${shownMax}.` };
  }
  const duration = await readVideoDuration(file);
  if (duration !== null && duration > limits.maxDurationSeconds) {
    return {
      isAccepted: false,
      message: `${name} is ${formatDuration(duration)} long, longer than the limit of ${formatDuration(limits.maxDurationSeconds)}.`,
    };
  }
  return { isAccepted: true };
}
