import { format } from 'node:util';
import { log } from './logger';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * In production every line on stdout is a JSON log line: what Next.js and libraries print
 * with console.* goes through the logger too (and so through its scrubbing), as
 * `{"source":"console", ...}`. In development their output stays as it is.
 */
export function captureConsole(): void {
  const route =
    (level: 'info' | 'warn' | 'error' | 'debug') =>
    (...args: unknown[]) =>
      log[level]({ source: 'console' }, format(...args).replace(ANSI, '').trim());
  console.log = route('info');
  console.info = route('info');
  console.warn = route('warn');
  console.error = route('error');
  console.debug = route('debug');
}
