/**
 * The baseline for `npm run bench`: a bare @tus/server + @tus/file-store on plain node:http,
 * as their README shows it. Prints "listening on <port>". Plain JavaScript, like the app's
 * compiled dist/server.js: no TypeScript loader in either process.
 */
import http from 'node:http';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const directory = process.argv[2] ?? 'bench/.work/bare';
const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) });
const server = http.createServer((req, res) => void tus.handle(req, res));
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
// A clean exit on the bench's SIGTERM, so that `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
