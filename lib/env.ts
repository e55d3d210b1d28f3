import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * The app's settings: the only module that reads process.env. Parsed once, on first use,
 * so that `next build` needs no settings; `server.ts` calls `getEnv()` before serving so
 * that a bad setting stops start-up with a message naming it.
 */

const GiB = 1024 ** 3;

const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${value}")` });
        return z.NEVER;
      }
      return n;
    });

const flag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const v = value.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${value}")` });
      return z.NEVER;
    });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATA_DIR: optionalText,
    DATABASE_URL: optionalText,
    UPLOAD_DIR: optionalText,
    AUTH_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
      message: 'AUTH_SECRET must be at least 32 characters long',
    }),
    MAX_UPLOAD_BYTES: integer('MAX_UPLOAD_BYTES', 5 * GiB, 1),
    UPLOAD_URL_TTL: integer('UPLOAD_URL_TTL', 86_400, 1),
    MAX_UPLOAD_URL_TTL: integer('MAX_UPLOAD_URL_TTL', 604_800, 1),
    PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v), {
      message: 'PUBLIC_URL must be an http:// or https:// URL, e.g. https://videos.example.com',
    }),
    DEFAULT_MAX_DURATION_SECONDS: integer('DEFAULT_MAX_DURATION_SECONDS', 3600, 1, 36_000),
    STREAM_ACCOUNT_ID: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(v), {
      message: 'STREAM_ACCOUNT_ID may only hold letters, digits, "-" and "_" (at most 64)',
    }),
    ADMIN_EMAIL: optionalText.refine((v) => v === undefined || z.email().safeParse(v).success, {
      message: 'ADMIN_EMAIL must be an email address',
    }),
    ADMIN_PASSWORD: optionalText.refine((v) => v === undefined || v.length >= 8, {
      message: 'ADMIN_PASSWORD must be at least 8 characters long',
    }),
    ALLOW_SIGNUP: flag('ALLOW_SIGNUP', true),
    TRUST_PROXY: flag('TRUST_PROXY', false),
    REDIS_URL: optionalText.refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'REDIS_URL must be a redis:// or rediss:// URL' }),
    REDIS_KEY_PREFIX: optionalText,
    PORT: integer('PORT', 3000, 0, 65_535),
    HOST: optionalText,
    CLEANUP_INTERVAL_SECONDS: integer('CLEANUP_INTERVAL_SECONDS', 15, 1, 45),
    FFMPEG_PATH: optionalText,
    FFPROBE_PATH: optionalText,
    PROCESSING_CONCURRENCY: integer('PROCESSING_CONCURRENCY', 1, 1, 64),
    PROCESSING_TIMEOUT_SECONDS: integer('PROCESSING_TIMEOUT_SECONDS', 300, 1, 86_400),
    PROCESS_VIDEOS: flag('PROCESS_VIDEOS', true),
    ENCODE_PRESET: z
      .enum(['ultrafast', 'superfast', 'veryfast', 'faster', 'fast', 'medium', 'slow', 'slower', 'veryslow'], {
        message: 'ENCODE_PRESET must be an x264 preset: ultrafast, superfast, veryfast, faster, fast, medium, slow, slower or veryslow',
      })
      .optional(),
    ENCODE_THREADS: integer('ENCODE_THREADS', 0, 0, 64),
    ENCODE_TIMEOUT_FACTOR: integer('ENCODE_TIMEOUT_FACTOR', 10, 1, 1000),
    ENCODE_STALL_SECONDS: integer('ENCODE_STALL_SECONDS', 120, 5, 86_400),
    WEBHOOK_RETRY_BASE_SECONDS: integer('WEBHOOK_RETRY_BASE_SECONDS', 5, 1, 3600),
    WEBHOOK_MAX_ATTEMPTS: integer('WEBHOOK_MAX_ATTEMPTS', 8, 1, 50),
    WEBHOOK_TIMEOUT_SECONDS: integer('WEBHOOK_TIMEOUT_SECONDS', 10, 1, 300),
    COPY_TIMEOUT_SECONDS: integer('COPY_TIMEOUT_SECONDS', 1800, 1, 86_400),
    STORAGE_MINUTES_LIMIT: integer('STORAGE_MINUTES_LIMIT', 1_000_000, 1),
    LOG_LEVEL: optionalText.refine((v) => v === undefined || (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()), {
      message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
    }),
    METRICS_TOKEN: optionalText,
    // Limits and abuse (README "Limits"). A rate is "at most N per window"; 0 turns a quota off.
    SIGN_IN_FAILURES_PER_ACCOUNT: integer('SIGN_IN_FAILURES_PER_ACCOUNT', 5, 1),
    SIGN_IN_FAILURES_PER_ADDRESS: integer('SIGN_IN_FAILURES_PER_ADDRESS', 30, 1),
    SIGN_IN_WINDOW_SECONDS: integer('SIGN_IN_WINDOW_SECONDS', 900, 1, 86_400),
    SIGN_UPS_PER_ADDRESS_PER_HOUR: integer('SIGN_UPS_PER_ADDRESS_PER_HOUR', 10, 1),
    MINTS_PER_MINUTE: integer('MINTS_PER_MINUTE', 60, 1),
    MAX_PENDING_UPLOADS_PER_USER: integer('MAX_PENDING_UPLOADS_PER_USER', 10, 0),
    MAX_STORED_BYTES_PER_USER: integer('MAX_STORED_BYTES_PER_USER', 50 * GiB, 0),
    MIN_FREE_DISK_BYTES: integer('MIN_FREE_DISK_BYTES', 1 * GiB, 0),
    THUMBNAIL_QUEUE_LIMIT: integer('THUMBNAIL_QUEUE_LIMIT', 8, 0, 10_000),
    FAILED_UPLOAD_RETENTION_SECONDS: integer('FAILED_UPLOAD_RETENTION_SECONDS', 7 * 86_400, 1),
  })
  .superRefine((env, ctx) => {
    if (env.UPLOAD_URL_TTL > env.MAX_UPLOAD_URL_TTL) {
      ctx.addIssue({
        code: 'custom',
        path: ['UPLOAD_URL_TTL'],
        message: `UPLOAD_URL_TTL (${env.UPLOAD_URL_TTL}) must not exceed MAX_UPLOAD_URL_TTL (${env.MAX_UPLOAD_URL_TTL})`,
      });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      });
    }
  });

export type Env = ReturnType<typeof resolve>;

function resolve(raw: z.infer<typeof schema>) {
  const dataDir = path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR ?? 'data');
  return {
    isProduction: raw.NODE_ENV === 'production',
    dataDir,
    databaseUrl: raw.DATABASE_URL ?? `file:${path.join(dataDir, 'upstream.db')}`,
    uploadDir: path.resolve(/*turbopackIgnore: true*/ raw.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    authSecret: raw.AUTH_SECRET,
    maxUploadBytes: raw.MAX_UPLOAD_BYTES,
    uploadUrlTtlSeconds: raw.UPLOAD_URL_TTL,
    maxUploadUrlTtlSeconds: raw.MAX_UPLOAD_URL_TTL,
    publicUrl: raw.PUBLIC_URL?.replace(/\/+$/, ''),
    defaultMaxDurationSeconds: raw.DEFAULT_MAX_DURATION_SECONDS,
    accountId: raw.STREAM_ACCOUNT_ID ?? 'local',
    admin: raw.ADMIN_EMAIL && raw.ADMIN_PASSWORD ? { email: raw.ADMIN_EMAIL, password: raw.ADMIN_PASSWORD } : undefined,
    allowSignup: raw.ALLOW_SIGNUP,
    trustProxy: raw.TRUST_PROXY,
    redisUrl: raw.REDIS_URL,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX ?? 'upstream:',
    port: raw.PORT,
    host: raw.HOST ?? '0.0.0.0',
    cleanupIntervalSeconds: raw.CLEANUP_INTERVAL_SECONDS,
    ffmpegPath: raw.FFMPEG_PATH ?? 'ffmpeg',
    ffprobePath: raw.FFPROBE_PATH ?? 'ffprobe',
    processingConcurrency: raw.PROCESSING_CONCURRENCY,
    processingTimeoutMs: raw.PROCESSING_TIMEOUT_SECONDS * 1000,
    /** false: this web process neither processes nor encodes (a `npm run worker` does). */
    processVideos: raw.PROCESS_VIDEOS,
    encodePreset: raw.ENCODE_PRESET ?? 'veryfast',
    /** 0 = as many as the machine has cores, at most 16. */
    encodeThreads: raw.ENCODE_THREADS || Math.max(1, Math.min(16, os.availableParallelism())),
    encodeTimeoutFactor: raw.ENCODE_TIMEOUT_FACTOR,
    encodeStallMs: raw.ENCODE_STALL_SECONDS * 1000,
    webhookRetryBaseMs: raw.WEBHOOK_RETRY_BASE_SECONDS * 1000,
    webhookMaxAttempts: raw.WEBHOOK_MAX_ATTEMPTS,
    webhookTimeoutMs: raw.WEBHOOK_TIMEOUT_SECONDS * 1000,
    /** Upload via link: the longest one fetch of a URL may take. */
    copyTimeoutMs: raw.COPY_TIMEOUT_SECONDS * 1000,
    /** Reported as storage-usage's totalStorageMinutesLimit (not enforced: quotas are in bytes). */
    storageMinutesLimit: raw.STORAGE_MINUTES_LIMIT,
    logLevel: (raw.LOG_LEVEL?.toLowerCase() ?? 'info') as LogLevel,
    metricsToken: raw.METRICS_TOKEN,
    limits: {
      signInFailuresPerAccount: raw.SIGN_IN_FAILURES_PER_ACCOUNT,
      signInFailuresPerAddress: raw.SIGN_IN_FAILURES_PER_ADDRESS,
      signInWindowSeconds: raw.SIGN_IN_WINDOW_SECONDS,
      signUpsPerAddressPerHour: raw.SIGN_UPS_PER_ADDRESS_PER_HOUR,
      mintsPerMinute: raw.MINTS_PER_MINUTE,
      /** 0: no quota. */
      maxPendingUploadsPerUser: raw.MAX_PENDING_UPLOADS_PER_USER,
      /** 0: no quota. */
      maxStoredBytesPerUser: raw.MAX_STORED_BYTES_PER_USER,
      minFreeDiskBytes: raw.MIN_FREE_DISK_BYTES,
      thumbnailQueueLimit: raw.THUMBNAIL_QUEUE_LIMIT,
      failedUploadRetentionMs: raw.FAILED_UPLOAD_RETENTION_SECONDS * 1000,
    },
  };
}

export class ConfigError extends Error {}

/**
 * The log level for the logger, read on its own: the logger must work (to report a bad
 * setting) before the other settings are known to be valid. An invalid value falls back to
 * `info` here; getEnv() refuses it with a message at start-up.
 */
export function getLogLevel(): LogLevel {
  const value = process.env.LOG_LEVEL?.trim().toLowerCase() ?? '';
  return (LOG_LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : 'info';
}

/** Settings values that must never reach a log line (the logger scrubs them). */
export function secretSettingValues(): string[] {
  const e = process.env;
  return [e.AUTH_SECRET, e.ADMIN_PASSWORD, e.METRICS_TOKEN].flatMap((v) => (v && v.trim().length >= 6 ? [v.trim()] : []));
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid settings:\n  ${lines.join('\n  ')}`);
  }
  cached = resolve(parsed.data);
  return cached;
}
