/**
 * ffmpeg's `-progress pipe:1` output: blocks of `key=value` lines, each ended by
 * `progress=continue` (or `progress=end`). `out_time_us` is how far the output has got,
 * in microseconds of the video; divided by the duration it is the fraction done.
 */
export function createProgressReader(onSeconds: (seconds: number, isEnd: boolean) => void): (chunk: string) => void {
  let buffered = '';
  let outSeconds = 0;
  return (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [key, value] = line.trim().split('=', 2) as [string, string | undefined];
      if (key === 'out_time_us' || key === 'out_time_ms') {
        // Both are microseconds (out_time_ms is misnamed); "N/A" before the first frame.
        const us = Number(value);
        if (Number.isFinite(us) && us >= 0) outSeconds = us / 1_000_000;
      } else if (key === 'progress') {
        onSeconds(outSeconds, value === 'end');
      }
    }
  };
}

/** Percent done, 0..100, never 100 before ffmpeg says it has finished. */
export function percentDone(seconds: number, duration: number, isEnd: boolean): number {
  if (isEnd) return 100;
  if (!(duration > 0)) return 0;
  return Math.max(0, Math.min(99, Math.floor((seconds / duration) * 1000) / 10));
}
