/**
 * `npm run bench` (scale-out part): the app as N node:cluster workers sharing one port, no
 * balancer process (the primary hands each new connection to a worker, round-robin). Only for
 * the scale-out mode (REDIS_URL set): the workers are separate instances with Redis locks.
 * Prints "cluster listening on <port>" once every worker listens; SIGTERM stops them all.
 */
import cluster from 'node:cluster';

const workers = Number(process.argv[2] ?? 2);
cluster.setupPrimary({ exec: 'dist/server.js', args: [] });
let listening = 0;
let stopping = false;
cluster.on('listening', (_worker, address) => {
  listening += 1;
  // listen(0) in cluster workers: each gets the same port, chosen by the primary.
  if (listening === workers) console.log(`cluster listening on ${address.port}`);
});
cluster.on('exit', (worker, code) => {
  if (!stopping) console.error(`worker ${worker.process.pid} exited with ${code}`);
});
for (let i = 0; i < workers; i++) cluster.fork();

process.once('SIGTERM', () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2500).unref();
});
