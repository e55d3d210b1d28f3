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

/** CPU seconds of each thread of a process (tid → seconds), for BENCH_THREADS's per-thread breakdown. */
export function threadCpuSeconds(pid: number): Map<number, number> {
  const result = new Map<number, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      result.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return result;
}

/** The threads that used CPU between two readings, busiest first, as "tid-offset:seconds" (offset from the pid: 0 is the main thread). */
export function threadCpuDelta(pid: number, before: Map<number, number>, after: Map<number, number>): string {
  return [...after.entries()]
    .map(([tid, s]) => [tid, s - (before.get(tid) ?? 0)] as const)
    .filter(([, s]) => s >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([tid, s]) => `+${tid - pid}:${s.toFixed(2)}`)
    .join(' ');
}
