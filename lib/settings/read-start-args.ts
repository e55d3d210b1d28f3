/**
 * The command line of `npm start` / `npm run dev` (server.ts), as `next start` takes it:
 * `-p/--port PORT` and `-H/--hostname HOST` (also `--port=PORT`), which override PORT and
 * HOST from the environment or `.env`. `--dev` is set by `npm run dev`. Anything else is
 * refused with a message naming it and what is accepted.
 */

export type StartArgs = { dev: boolean; port?: string; hostname?: string };

export class StartArgsError extends Error {}

export const START_USAGE = 'Accepted: -p, --port PORT (0 to 65535); -H, --hostname HOST; e.g. npm start -- -p 4000 -H 127.0.0.1';

const HOSTNAME = /^[A-Za-z0-9.:_[\]-]{1,253}$/;

function readValue(name: string, value: string | undefined): string {
  if (value === undefined || value === '' || value.startsWith('-')) throw new StartArgsError(`${name} needs a value. ${START_USAGE}`);
  return value;
}

export function readStartArgs(argv: string[]): StartArgs {
  const args: StartArgs = { dev: false };
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => (inline !== undefined ? readValue(flag, inline) : readValue(flag, argv[(i += 1)]));
    if (flag === '--dev' && inline === undefined) args.dev = true;
    else if (flag === '-p' || flag === '--port') args.port = value();
    else if (flag === '-H' || flag === '--hostname') args.hostname = value();
    else unknown.push(arg);
  }
  if (unknown.length > 0) {
    throw new StartArgsError(`Unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.map((a) => JSON.stringify(a)).join(', ')}. ${START_USAGE}`);
  }
  if (args.port !== undefined && (!/^\d{1,5}$/.test(args.port) || Number(args.port) > 65_535)) {
    throw new StartArgsError(`--port must be a whole number from 0 to 65535 (got "${args.port.slice(0, 40)}"). ${START_USAGE}`);
  }
  if (args.hostname !== undefined && !HOSTNAME.test(args.hostname)) {
    throw new StartArgsError(`--hostname must be a host name or an IP address (got "${args.hostname.slice(0, 40)}"). ${START_USAGE}`);
  }
  return args;
}
