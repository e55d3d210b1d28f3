import type { HourBucket } from '@/lib/system/read-hourly-uploads';
import styles from './hourly-chart.module.css';

/**
 * A bar chart of one value per hour, drawn as server-rendered SVG (no chart library, no
 * script). The figure's caption gives the total; each bar's <title> its hour and value.
 */
export function HourlyChart({ id, title, buckets, value, format }: { id: string; title: string; buckets: HourBucket[]; value: (b: HourBucket) => number; format: (n: number) => string }) {
  const values = buckets.map(value);
  const max = Math.max(1, ...values);
  const total = values.reduce((sum, v) => sum + v, 0);
  const width = buckets.length * 4;
  const height = 80;
  const days = buckets.filter((b) => b.start.getUTCHours() === 0);
  return (
    <figure className={styles.chart} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {title}: <strong>{format(total)}</strong> in total
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height + 12}`} role="img" aria-labelledby={`${id}-caption`} preserveAspectRatio="none" className={styles.svg}>
        <line x1={0} y1={height + 0.5} x2={width} y2={height + 0.5} className={styles.axis} />
        {days.map((b) => {
          const x = buckets.indexOf(b) * 4;
          return <line key={b.start.toISOString()} x1={x} y1={0} x2={x} y2={height} className={styles.day} />;
        })}
        {buckets.map((b, i) => {
          const v = values[i]!;
          if (v === 0) return null;
          const h = Math.max(2, (v / max) * height);
          return (
            <rect key={b.start.toISOString()} x={i * 4 + 0.5} y={height - h} width={3} height={h} className={styles.bar}>
              <title>{`${b.start.toISOString().slice(0, 13).replace('T', ' ')}:00 UTC: ${format(v)}`}</title>
            </rect>
          );
        })}
      </svg>
      <div className={styles.scale} aria-hidden="true">
        <span>7 days ago</span>
        <span>peak {format(max === 1 && total === 0 ? 0 : max)} per hour</span>
        <span>now</span>
      </div>
    </figure>
  );
}
