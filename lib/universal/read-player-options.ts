/**
 * The iframe page's query parameters, as Cloudflare Stream's player takes them: `autoplay`,
 * `muted`, `loop`, `controls` (on unless `false`), `preload` (none | metadata | auto) and
 * `startTime` (seconds such as `90` or `12.5s`, or `1h2m3s`). A flag present without a value
 * (`?muted`) is on; `false` or `0` is off. Anything malformed is ignored, never an error.
 */

export type PlayerOptions = {
  autoPlay: boolean;
  muted: boolean;
  loop: boolean;
  controls: boolean;
  preload?: 'none' | 'metadata' | 'auto';
  startTime?: number;
};

type Query = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function flag(value: string | string[] | undefined, fallback: boolean): boolean {
  const text = first(value);
  if (text === undefined) return fallback;
  return text !== 'false' && text !== '0';
}

const MAX_START_SECONDS = 36_000 * 10;

export function readStartTime(value: string | string[] | undefined): number | undefined {
  const text = first(value)?.trim();
  if (!text) return undefined;
  let seconds: number | undefined;
  const plain = /^(\d{1,9}(?:\.\d{1,3})?)s?$/.exec(text);
  if (plain) seconds = Number(plain[1]);
  else {
    const parts = /^(?:(\d{1,4})h)?(?:(\d{1,4})m)?(?:(\d{1,6}(?:\.\d{1,3})?)s)?$/.exec(text);
    if (parts && (parts[1] || parts[2] || parts[3])) seconds = Number(parts[1] ?? 0) * 3600 + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
  }
  return seconds !== undefined && seconds <= MAX_START_SECONDS ? seconds : undefined;
}

const PRELOADS: readonly string[] = ['none', 'metadata', 'auto'];

export function readPlayerOptions(query: Query): PlayerOptions {
  const preload = first(query.preload);
  return {
    autoPlay: flag(query.autoplay, false),
    muted: flag(query.muted, false),
    loop: flag(query.loop, false),
    controls: flag(query.controls, true),
    preload: preload && PRELOADS.includes(preload) ? (preload as PlayerOptions['preload']) : undefined,
    startTime: readStartTime(query.startTime),
  };
}
