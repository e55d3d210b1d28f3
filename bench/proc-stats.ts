import fs from 'node:fs';

/** CPU time and peak memory of another process, from /proc (Linux). */

const CLOCK_TICKS = 100;

export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export function peakRssMiB(pid: number): number {
  return statusMiB(pid, 'VmHWM');
}

export function rssMiB(pid: number): number {
  return statusMiB(pid, 'VmRSS');
}

/** Resets the peak (VmHWM) to the current RSS, so the next reading covers one upload only. */
export function resetPeak(pid: number): void {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
