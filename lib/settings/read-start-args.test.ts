import { expect, test } from '@playwright/test';
import { readStartArgs } from './read-start-args';

test.describe('the command line of npm start and npm run dev', () => {
  test('takes -p/--port and -H/--hostname as next start does, also --port=PORT', () => {
    expect(readStartArgs(['-p', '4000', '-H', '127.0.0.1'])).toEqual({ dev: false, port: '4000', hostname: '127.0.0.1' });
    expect(readStartArgs(['--dev', '--port=0', '--hostname=localhost'])).toEqual({ dev: true, port: '0', hostname: 'localhost' });
    expect(readStartArgs([])).toEqual({ dev: false });
  });

  test('refuses unknown arguments, naming them and the accepted ones', () => {
    expect(() => readStartArgs(['--prot', '4000'])).toThrow(/Unknown arguments: "--prot", "4000"\. Accepted: -p, --port PORT/);
    expect(() => readStartArgs(['start'])).toThrow(/Unknown argument: "start"/);
  });

  test('refuses a missing or bad value', () => {
    expect(() => readStartArgs(['-p'])).toThrow(/-p needs a value/);
    expect(() => readStartArgs(['-p', '-H', 'x'])).toThrow(/-p needs a value/);
    expect(() => readStartArgs(['--port', '70000'])).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => readStartArgs(['-H', 'a b'])).toThrow(/--hostname must be a host name/);
  });
});
