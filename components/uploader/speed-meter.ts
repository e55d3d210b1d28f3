/** Upload speed over the last few seconds, so one slow moment does not swing the estimate. */

const WINDOW_MS = 5000;
const MIN_SPAN_MS = 600;

export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  reset(): void {
    this.samples = [];
  }

  add(bytes: number, t = performance.now()): void {
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
  }

  /** Bytes per second, or null until there is enough to tell. */
  bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.t - first.t < MIN_SPAN_MS) return null;
    const rate = ((last.bytes - first.bytes) / (last.t - first.t)) * 1000;
    return rate > 0 ? rate : null;
  }
}
