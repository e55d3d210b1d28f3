import { mediaInputOptions, mediaInputPath } from './media-input';
import { lastLine, runTool } from './run-tool';
import type { Tools } from './tools';

/** What ffprobe says of a file: duration, display size, codecs and container. */

export type ProbeResult = {
  duration: number;
  /** The video stream's own duration (audio may run longer). */
  videoDuration: number;
  width: number;
  height: number;
  videoCodec: string;
  audioCodec: string | null;
  container: string;
  /** Frames per second (average; 0 when the file does not say). */
  frameRate: number;
  pixelFormat: string | null;
  /** e.g. smpte2084 (PQ) or arib-std-b67 (HLG) for HDR. */
  colorTransfer: string | null;
  /** The index of the video stream described (not a cover picture), for the encode's `-map`. */
  videoStreamIndex: number;
};

/** The file is not a readable video (ERR_MALFORMED_VIDEO). */
export class MalformedVideoError extends Error {
  override name = 'MalformedVideoError';
  /**
   * `message` is shown to people (the video's errorReasonText): never a path or a tool's
   * output. `detail` (the tool's last line) goes to the log only.
   */
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The tool did not finish in time: worth another try. */
export class ToolTimeoutError extends Error {
  override name = 'ToolTimeoutError';
}

type Stream = {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  color_transfer?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
};

type Probe = { streams?: Stream[]; format?: { duration?: string; format_name?: string } };

function rotation(stream: Stream): number {
  const fromSideData = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  const degrees = fromSideData ?? Number(stream.tags?.rotate ?? 0);
  return ((Math.round(degrees) % 360) + 360) % 360;
}

function rate(text: string | undefined): number {
  const [num, den] = (text ?? '').split('/').map(Number);
  const value = den ? num! / den : Number(num);
  return Number.isFinite(value) && value > 0 && value < 1000 ? value : 0;
}

export function readProbe(probe: Probe): ProbeResult {
  const video = probe.streams?.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!video?.codec_name || !video.width || !video.height) throw new MalformedVideoError('The file has no video stream.');
  const duration = Number(probe.format?.duration ?? video.duration);
  if (!Number.isFinite(duration) || duration <= 0) throw new MalformedVideoError('The file has no readable duration.');
  const isSideways = rotation(video) === 90 || rotation(video) === 270;
  const videoDuration = Number(video.duration);
  return {
    duration,
    videoDuration: Number.isFinite(videoDuration) && videoDuration > 0 ? videoDuration : duration,
    width: isSideways ? video.height : video.width,
    height: isSideways ? video.width : video.height,
    videoCodec: video.codec_name,
    audioCodec: probe.streams?.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
    container: probe.format?.format_name ?? 'unknown',
    frameRate: rate(video.avg_frame_rate) || rate(video.r_frame_rate),
    pixelFormat: video.pix_fmt ?? null,
    colorTransfer: video.color_transfer ?? null,
    videoStreamIndex: video.index ?? 0,
  };
}

export async function probeVideo(tools: Tools, file: string, timeoutMs: number): Promise<ProbeResult> {
  const result = await runTool(tools.ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...mediaInputOptions(), mediaInputPath(file)], timeoutMs);
  if (result.timedOut) throw new ToolTimeoutError(`ffprobe did not finish within ${Math.round(timeoutMs / 1000)} s.`);
  if (result.spawnError) throw new Error(`ffprobe could not run: ${result.spawnError}`);
  if (result.code !== 0) throw new MalformedVideoError('The file is not a readable video: no video format we know was found in it.', lastLine(result.stderr) || `ffprobe exited with ${result.code}`);
  let probe: Probe;
  try {
    probe = JSON.parse(result.stdout) as Probe;
  } catch {
    throw new MalformedVideoError('The file is not a readable video: no video format we know was found in it.', 'ffprobe gave no JSON description');
  }
  return readProbe(probe);
}

/**
 * A file cut short can keep a whole header (an MP4 with its index first): the header then
 * promises frames the file does not hold. Reading the last second's packets (no decoding,
 * so this is cheap) finds out.
 */
export async function checkNotTruncated(tools: Tools, file: string, probe: ProbeResult, timeoutMs: number): Promise<void> {
  const from = Math.max(0, probe.videoDuration - 1);
  const result = await runTool(
    tools.ffprobe,
    ['-v', 'error', '-read_intervals', `${from.toFixed(3)}%`, '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', ...mediaInputOptions(), mediaInputPath(file)],
    timeoutMs,
  );
  if (result.timedOut) throw new ToolTimeoutError(`ffprobe did not finish within ${Math.round(timeoutMs / 1000)} s.`);
  const end = Math.max(
    ...result.stdout
      .split('\n')
      .map((line) => line.split(',').map(Number))
      .filter(([pts]) => Number.isFinite(pts))
      .map(([pts, duration]) => pts! + (Number.isFinite(duration) ? duration! : 0)),
  );
  if (result.code !== 0 || /partial file/i.test(result.stderr) || !(end >= probe.videoDuration - 0.25)) {
    throw new MalformedVideoError(`The video is cut short: its frames stop before the ${probe.videoDuration.toFixed(1)} s its header promises.`);
  }
}
