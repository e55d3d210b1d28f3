/**
 * Preloaded into both servers by `npm run bench` (`node --import ./bench/eld-probe.mjs`): the
 * event loop's delay as perf_hooks measures it. On SIGUSR2 the process writes the delays seen
 * since the last signal (ms) to BENCH_ELD_FILE and starts over, so the bench reads one run's.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
const file = process.env.BENCH_ELD_FILE;
if (file) {
  process.on('SIGUSR2', () => {
    const ms = (ns) => Math.round(ns / 1e4) / 100;
    fs.writeFileSync(file, JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) }));
    histogram.reset();
  });
}
