import { createRequire } from 'node:module';
import path from 'node:path';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { getLogLevel, secretSettingValues } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';
import { currentRequestId } from './request-context';
import { scrubLogLine } from './scrub-log-line';

/**
 * The app's one logger (pino): JSON lines on stdout, one object per event, with `level`,
 * `time` (ISO), `msg`, the request id (`reqId`) when written while serving a request, and
 * the fields of the event (`uid`, `job`, `event`, …). LOG_LEVEL sets the level (default info).
 * In development the lines are made readable with pino-pretty when it is installed
 * (optional; without it, JSON there too). Every line passes scrubLogLine: no upload URL
 * signature, token, password or configured secret is written, whatever a message holds.
 */

const REDACT = [
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

function hasPinoPretty(): boolean {
  try {
    createRequire(path.join(process.cwd(), 'package.json')).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

function createLogger(): Logger {
  const secrets = secretSettingValues();
  const options: LoggerOptions = {
    level: getLogLevel(),
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: '[redacted]' },
    mixin: () => {
      const reqId = currentRequestId();
      return reqId ? { reqId } : {};
    },
    hooks: { streamWrite: (line) => scrubLogLine(line, secrets) },
  };
  if (process.env.NODE_ENV === 'development' && hasPinoPretty()) {
    // The transport runs in a worker; the scrubbing hook still runs first, in this thread.
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  // Synchronous writes: a line written just before the process exits (a refused start) is kept.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/** The process's logger (one for server.ts and Next's bundled route handlers alike), made on first use. */
export function getLogger(): Logger {
  return processSingleton('logger', createLogger);
}

type LogFn = Logger['info'];
const level =
  (name: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'): LogFn =>
  (...args: unknown[]) => {
    const logger = getLogger();
    Reflect.apply(logger[name], logger, args);
  };

/** `log.info({ uid, event: 'claimed' }, 'message')`: pino's call shape (fields first, then the message). */
export const log = {
  fatal: level('fatal'),
  error: level('error'),
  warn: level('warn'),
  info: level('info'),
  debug: level('debug'),
  trace: level('trace'),
};
