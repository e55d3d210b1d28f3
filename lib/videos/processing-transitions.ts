import { getDb } from '@/lib/db/client';
import { enqueueVideoNotice } from './enqueue-notice';

/**
 * The transitions out of `inprogress`. Each holds only while this process still owns the
 * claim (`claimedBy`), so a process that lost its claim (it stalled past its lease and
 * another took over) changes nothing.
 */

const RELEASED = { claimedBy: null, claimExpiresAt: null };

/** What a video's row keeps of its probe (lib/processing/probe-video.ts's ProbeResult has more). */
type ProbedMedia = { duration: number; width: number; height: number; videoCodec: string; audioCodec: string | null; container: string };

/** The renditions an encode made, as stored in `Video.renditions`. */
export type RenditionSummary = { width: number; height: number; bandwidth: number };

export async function markVideoReady(uid: string, owner: string, probe: ProbedMedia, renditions: RenditionSummary[]): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'inprogress', claimedBy: owner },
    data: {
      ...RELEASED,
      state: 'ready',
      duration: probe.duration,
      width: probe.width,
      height: probe.height,
      videoCodec: probe.videoCodec,
      audioCodec: probe.audioCodec,
      container: probe.container,
      readyAt: new Date(),
      processingNote: null,
      pctComplete: 100,
      renditions: JSON.stringify(renditions),
    },
  });
  if (count > 0) await enqueueVideoNotice(uid);
  return count > 0;
}

/** While encoding: how far it has got (status.pctComplete). False once the claim is lost. */
export async function recordEncodeProgress(uid: string, owner: string, pctComplete: number): Promise<boolean> {
  const { count } = await getDb().video.updateMany({ where: { uid, state: 'inprogress', claimedBy: owner }, data: { pctComplete } });
  return count > 0;
}

export async function markVideoFailed(uid: string, owner: string, code: string, text: string, probe?: Partial<ProbedMedia>): Promise<boolean> {
  const { count } = await getDb().video.updateMany({
    where: { uid, state: 'inprogress', claimedBy: owner },
    data: {
      ...RELEASED,
      state: 'error',
      errorReasonCode: code,
      errorReasonText: text,
      ...(probe?.duration !== undefined ? { duration: probe.duration, width: probe.width, height: probe.height } : {}),
      processingNote: null,
    },
  });
  if (count > 0) await enqueueVideoNotice(uid);
  return count > 0;
}

/** Gives the video back to the queue (a passing failure); `note` says why, for admins. */
export async function releaseVideo(uid: string, owner: string, note: string): Promise<void> {
  await getDb().video.updateMany({ where: { uid, state: 'inprogress', claimedBy: owner }, data: { ...RELEASED, state: 'queued', processingNote: note } });
}

/** The process stops mid-way (a shutdown, not the video's fault): back to the queue, the attempt not counted. */
export async function returnVideoToQueue(uid: string, owner: string, note: string): Promise<void> {
  await getDb().video.updateMany({
    where: { uid, state: 'inprogress', claimedBy: owner },
    data: { ...RELEASED, state: 'queued', processingNote: note, pctComplete: 0, processingAttempts: { decrement: 1 } },
  });
}
