/**
 * The baseline for `npm run bench`: a bare @tus/server + @tus/file-store on plain node:http,
 * as their README shows it. Prints "listening on <port>".
 */
import http from 'node:http';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const directory = process.argv[2] ?? 'bench/.work/bare';
const tus = new Server({ path: '/files', datastore: new FileStore({ directory }) });
const server = http.createServer((req, res) => void tus.handle(req, res));
server.requestTimeout = 0;
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${(server.address() as { port: number }).port}`);
});
