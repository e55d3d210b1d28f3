/**
 * Upstream's server: one Node HTTP server. Upload URLs (/api/tus/*) go straight to the tus
 * handler on Node's own request and response, everything else to Next.js. `npm run dev`
 * runs it with `--dev`, `npm start` in production mode (after `npm run build`).
 */
import { createServer, type IncomingMessage } from 'node:http';

const dev = process.argv.includes('--dev');
// Next.js and React read NODE_ENV while loading: set it before importing them.
(process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const UNTRUSTED_PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'forwarded'];

async function main(): Promise<void> {
  const { ConfigError } = await import('@/lib/env');
  const { InstanceConflictError } = await import('@/lib/instances/register-instance');
  let prepared;
  try {
    const { prepareApp } = await import('@/lib/start-app');
    prepared = await prepareApp();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof InstanceConflictError) {
      console.error(`Upstream did not start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const { env, unregister } = prepared;
  // next-auth builds its links from these; with TRUST_PROXY unset, forwarded headers are dropped below.
  if (env.publicUrl) process.env.NEXTAUTH_URL = env.publicUrl;
  process.env.AUTH_TRUST_HOST = '1';

  const { default: next } = await import('next');
  const { handleTusRequest } = await import('@/lib/tus/handle-tus-request');
  const { TUS_PATH } = await import('@/lib/uploads/upload-url');
  const { ORIGINAL_PATH, handleOriginalRequest } = await import('@/lib/videos/original-file');
  const { startBackgroundJobs } = await import('@/lib/jobs/background-jobs');
  const { setListenOrigin } = await import('@/lib/instance');
  const { tagClientAddress } = await import('@/lib/http/client-address');
  const { applySecurityHeaders } = await import('@/lib/http/security-headers');
  const { hasMalformedPercentEncoding } = await import('@/lib/http/path-encoding');
  const { sendErrorEnvelope } = await import('@/lib/http/node-response');
  const { AppError } = await import('@/lib/errors');
  const { admitThumbnailRequest } = await import('@/lib/processing/serve-thumbnail');
  const { answerApiMissesAsJson } = await import('@/lib/http/api-miss-json');

  const app = next({ dev, dir: process.cwd(), hostname: env.host, port: env.port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const stripUntrustedHeaders = (req: IncomingMessage) => {
    if (env.trustProxy) return;
    for (const name of UNTRUSTED_PROXY_HEADERS) delete req.headers[name];
  };

  const server = createServer((req, res) => {
    stripUntrustedHeaders(req);
    tagClientAddress(req, env.trustProxy);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    applySecurityHeaders(req, res, path, { dev, publicUrl: env.publicUrl });
    if (hasMalformedPercentEncoding(path)) {
      const message = 'The address is malformed: it has a "%" that is not followed by a valid encoded character.';
      if (/^\/(client\/v4|api)(\/|$)/.test(path)) return sendErrorEnvelope(res, new AppError('BAD_REQUEST', message));
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${message}\n`);
      return;
    }
    // Served on Node's own request and response: uploads (speed) and downloads (Content-Length).
    if (path.startsWith(`${TUS_PATH}/`)) {
      void handleTusRequest(req, res);
      return;
    }
    const original = ORIGINAL_PATH.exec(path);
    if (original) {
      void handleOriginalRequest(req, res, original[1]!, original[2]!);
      return;
    }
    const admitted = admitThumbnailRequest(path, (req.url ?? '').slice(path.length + 1));
    if (admitted instanceof AppError) {
      res.writeHead(admitted.status, { ...admitted.headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${admitted.message}\n`);
      return;
    }
    if (admitted) res.once('close', admitted.release);
    answerApiMissesAsJson(res, path, req.method);
    handleNext(req, res).catch((error: unknown) => {
      console.error('Request failed:', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Uploads from slow phones: no request timeout, but drop connections idle for 2 minutes.
  server.requestTimeout = 0;
  server.timeout = 120_000;
  server.keepAliveTimeout = 65_000;

  const stopJobs = startBackgroundJobs();
  server.listen(env.port, env.host, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.port;
    setListenOrigin(`http://${env.host === '0.0.0.0' ? 'localhost' : env.host}:${port}`);
    console.log(`Upstream ready on http://${env.host === '0.0.0.0' ? 'localhost' : env.host}:${port} (${dev ? 'development' : 'production'})`);
  });

  const shutdown = () => {
    stopJobs();
    // Uploads in flight keep what they stored; their clients resume (here after a restart, or elsewhere).
    setTimeout(() => process.exit(0), 2000).unref();
    void unregister()
      .catch(() => {})
      .finally(() => server.close(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error('Upstream could not start:', error);
  process.exit(1);
});
