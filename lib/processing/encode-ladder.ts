import type { ProbeResult } from './probe-video';

/**
 * The renditions a video is encoded to. Sizes go by the short side (a portrait 1080×1920
 * phone clip is "1080p" like a landscape 1920×1080 one), never above the input's own size
 * nor above 1080p; from 720p up there are at least two, so a player can step down on a bad
 * network. Bitrates follow the pixel rate (about 0.1 bit per pixel per frame at 30 fps).
 */

export type Rendition = {
  width: number;
  height: number;
  /** The short side: 1080, 720, 360, … */
  rung: number;
  /** Target video bitrate, bits/s (also the HLS BANDWIDTH before audio). */
  videoBitrate: number;
  maxBitrate: number;
};

export type Ladder = {
  renditions: Rendition[];
  frameRate: number;
  hasAudio: boolean;
  isHdr: boolean;
  /** The input's video stream (a cover picture may come first). */
  videoStreamIndex: number;
  /** The input's transfer function when HDR (smpte2084 or arib-std-b67). */
  colorTransfer: string | null;
};

export const MAX_RUNG = 1080;
/** Lower rungs offered under the top one. */
const LOWER_RUNGS = [720, 360];
/** A lower rung must be clearly smaller than the top to be worth its encode. */
const STEP = 0.85;
export const AUDIO_BITRATE = 128_000;
const DEFAULT_FRAME_RATE = 30;
const MAX_FRAME_RATE = 60;
const HDR_TRANSFERS = ['smpte2084', 'arib-std-b67'];

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

function sizeFor(rung: number, width: number, height: number): { width: number; height: number } {
  const isPortrait = height > width;
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const scaledLong = even((long * rung) / short);
  return isPortrait ? { width: rung, height: scaledLong } : { width: scaledLong, height: rung };
}

/** Frames per second of the output: the input's (constant from here on), at most 60. */
export function outputFrameRate(probe: Pick<ProbeResult, 'frameRate'>): number {
  const fps = probe.frameRate > 0 ? probe.frameRate : DEFAULT_FRAME_RATE;
  return Math.min(MAX_FRAME_RATE, Math.round(fps * 1000) / 1000);
}

export function planLadder(probe: Pick<ProbeResult, 'width' | 'height' | 'frameRate' | 'audioCodec' | 'colorTransfer'> & Partial<Pick<ProbeResult, 'videoStreamIndex'>>): Ladder {
  const short = Math.min(probe.width, probe.height);
  const top = Math.max(2, Math.floor(Math.min(short, MAX_RUNG) / 2) * 2);
  const rungs = [top, ...LOWER_RUNGS.filter((rung) => rung <= top * STEP)];
  const frameRate = outputFrameRate(probe);
  const renditions = rungs.map((rung) => {
    const size = rung === short || (rung === top && short <= MAX_RUNG) ? { width: even(probe.width), height: even(probe.height) } : sizeFor(rung, probe.width, probe.height);
    const videoBitrate = Math.round((size.width * size.height * Math.max(frameRate, 24) * 0.1) / 1000) * 1000;
    return { ...size, rung, videoBitrate, maxBitrate: Math.round(videoBitrate * 1.5) };
  });
  return {
    renditions,
    frameRate,
    hasAudio: probe.audioCodec !== null,
    isHdr: HDR_TRANSFERS.includes(probe.colorTransfer ?? ''),
    colorTransfer: probe.colorTransfer,
    videoStreamIndex: probe.videoStreamIndex ?? 0,
  };
}
