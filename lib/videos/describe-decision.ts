import type { DecisionOutcome } from './decide-videos';

const DONE: Record<DecisionOutcome['intent'], string> = { approve: 'Approved', reject: 'Rejected', delete: 'Deleted' };

const plural = (count: number) => (count === 1 ? '1 video' : `${count} videos`);

/**
 * A decision's outcome in one message for the admin's status line: what was done (by name
 * when it was one video), then what was skipped and why, then what was gone already.
 * `ok` is false when nothing was done.
 */
export function describeDecision(outcome: DecisionOutcome): { ok: boolean; message: string } {
  const { intent, done, skipped, missing } = outcome;
  const parts: string[] = [];
  if (done.length === 1) parts.push(`${DONE[intent]} “${done[0]!.name}”.`);
  else if (done.length > 1) parts.push(`${DONE[intent]} ${plural(done.length)}.`);
  for (const video of skipped) parts.push(`“${video.name}” was skipped. ${video.why}`);
  if (missing > 0) parts.push(`${plural(missing)} ${missing === 1 ? 'was' : 'were'} not found: deleted already?`);
  if (parts.length === 0) parts.push('Nothing was chosen.');
  return { ok: done.length > 0, message: parts.join(' ') };
}
