/**
 * Upstream's server: one Node HTTP server. Upload URLs (/api/tus/*, /api/direct/*) go straight
 * to their handlers on Node's own request and response, everything else to Next.js. `npm run dev`
 * runs it with `--dev`, `npm start` in production mode (after `npm run build`); both take
 * `-p/--port` and `-H/--hostname` like `next start`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { loadEnvFiles } from '@/lib/settings/load-env-files';
import { readStartArgs, type StartArgs, StartArgsError } from '@/lib/settings/read-start-args';

function readArgsOrExit(): StartArgs {
  try {
    return readStartArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof StartArgsError)) throw error;
    process.stderr.write(`Upstream did not start. ${error.message}\n`);
    process.exit(1);
  }
}

const args = readArgsOrExit();
const { dev } = args;
// Next.js and React read NODE_ENV while loading: set it before importing them.
(process.env as Record<string, string>).NODE_ENV ??= dev ? 'development' : 'production';
process.env.NEXT_TELEMETRY_DISABLED ??= '1';
// `.env` files as Next.js reads them (the environment wins), before anything reads a setting.
const envFiles = loadEnvFiles(process.cwd(), dev);
// The command line wins over both.
if (args.port !== undefined) process.env.PORT = args.port;
if (args.hostname !== undefined) process.env.HOST = args.hostname;

/** The API answers errors in Cloudflare's envelope; everything else, in plain text. */
const surfaceOf = (path: string) => (/^\/(client\/v4|api)(\/|$|\?)/.test(path) ? 'envelope' : 'text');

const UNTRUSTED_PROXY_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'forwarded'];
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/** The client's X-Request-ID when it is a sane one, else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

async function main(): Promise<void> {
  const { ConfigError } = await import('@/lib/env');
  const { InstanceConflictError } = await import('@/lib/instances/register-instance');
  const { log } = await import('@/lib/log/logger');
  if (!dev) (await import('@/lib/log/capture-console')).captureConsole();
  let prepared;
  try {
    const { prepareApp } = await import('@/lib/start-app');
    prepared = await prepareApp();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof InstanceConflictError) {
      // A JSON line for the log pipeline, and plain text for the person at the terminal.
      log.fatal(`Upstream did not start. ${error.message}`);
      process.stderr.write(`Upstream did not start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { env, unregister } = prepared;
  if (envFiles.length > 0) log.info({ files: envFiles }, `Settings read from ${envFiles.join(', ')} (the environment wins over them)`);
  // next-auth builds its links from these; with TRUST_PROXY unset, forwarded headers are dropped below.
  if (env.publicUrl) process.env.NEXTAUTH_URL = env.publicUrl;
  process.env.AUTH_TRUST_HOST = '1';

  const { default: next } = await import('next');
  const { handleTusRequest } = await import('@/lib/tus/handle-tus-request');
  const { TUS_PATH } = await import('@/lib/uploads/upload-url');
  const { ORIGINAL_PATH, handleOriginalRequest } = await import('@/lib/videos/original-file');
  const { DIRECT_PATH } = await import('@/lib/uploads/create-direct-upload');
  const { MINT_PATH, handleMintRequest, isNodeMint } = await import('@/lib/uploads/handle-mint-request');
  const { handleDirectUploadRequest } = await import('@/lib/uploads/handle-direct-upload');
  const { PLAYER_PAGE_PATH, gatePlayerPage, stripGateHeaders } = await import('@/lib/playback/gate-player-page');
  const { STREAM_PATH, handleStreamRequest } = await import('@/lib/playback/serve-stream-file');
  const { DOWNLOAD_PATH, handleDownloadRequest } = await import('@/lib/downloads/serve-download');
  const { startBackgroundJobs } = await import('@/lib/background-jobs');
  const { setListenOrigin } = await import('@/lib/instance');
  const { requestContext } = await import('@/lib/log/request-context');
  const { loggablePath, routePattern } = await import('@/lib/log/request-path');
  const { observeRequest } = await import('@/lib/metrics/metrics');
  const { METRICS_PATH, handleMetricsRequest } = await import('@/lib/metrics/serve-metrics');
  const { tagClientAddress } = await import('@/lib/http/client-address');
  const { applySecurityHeaders } = await import('@/lib/http/security-headers');
  const { hasMalformedPercentEncoding } = await import('@/lib/http/path-encoding');
  const { sendError } = await import('@/lib/http/error-response');
  const { AppError } = await import('@/lib/errors');
  const { admitThumbnailRequest } = await import('@/lib/processing/serve-thumbnail');
  const { answerApiMissesAsJson } = await import('@/lib/http/api-miss-json');
  const { isStrayPagePost, STRAY_PAGE_POST_MESSAGE } = await import('@/lib/http/page-post-guard');

  const app = next({ dev, dir: process.cwd(), hostname: env.host, port: env.port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const stripUntrustedHeaders = (req: IncomingMessage) => {
    stripGateHeaders(req);
    if (env.trustProxy) return;
    for (const name of UNTRUSTED_PROXY_HEADERS) delete req.headers[name];
  };

  /** One log line and one duration sample per request, when its response has finished (or the client went away). */
  const recordRequest = (req: IncomingMessage, res: ServerResponse, requestId: string) => {
    const started = process.hrtime.bigint();
    const socket = req.socket;
    const writtenBefore = socket.bytesWritten;
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = res.writableFinished ? res.statusCode : res.headersSent ? res.statusCode : 499;
      const route = routePattern(url);
      observeRequest(method, route, status, seconds);
      if (route === '/_next/*' && status < 400) return log.debug({ reqId: requestId, method, path: loggablePath(url), status }, 'request');
      const offset = res.getHeader('upload-offset');
      log.info(
        {
          reqId: requestId,
          method,
          path: loggablePath(url),
          route,
          status,
          // Response bytes on the wire (headers included); for tus requests, where the upload's offset ended.
          bytes: socket.bytesWritten - writtenBefore,
          ...(offset !== undefined ? { uploadOffset: Number(offset) } : {}),
          ms: Math.round(seconds * 10_000) / 10,
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
  };

  const sendToNext = (req: IncomingMessage, res: ServerResponse) => {
    handleNext(req, res).catch((error: unknown) => sendError(res, error, surfaceOf(req.url ?? '/')));
  };

  /**
   * The edges served on Node's own request and response, before Next.js: uploads (speed, no
   * body limits), downloads and playback (Content-Length, Range, many small requests), metrics.
   * The first match wins; everything else goes to Next.js.
   */
  type Edge = { match: (path: string) => string[] | null; handle: (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void> };
  const prefix = (start: string) => (path: string) => (path.startsWith(start) ? [] : null);
  const pattern = (regex: RegExp) => (path: string) => regex.exec(path)?.slice(1) ?? null;
  const edges: Edge[] = [
    { match: prefix(`${TUS_PATH}/`), handle: (req, res) => handleTusRequest(req, res) },
    // Cloudflare's tus mint (an API token's POST /stream): a small insert, not worth Next's router.
    {
      match: pattern(MINT_PATH),
      handle: async (req, res, [accountId]) => (isNodeMint(req) ? handleMintRequest(req, res, accountId!) : sendToNext(req, res)),
    },
    // Basic direct creator uploads: one multipart POST, streamed to disk.
    { match: prefix(`${DIRECT_PATH}/`), handle: (req, res) => handleDirectUploadRequest(req, res) },
    { match: pattern(ORIGINAL_PATH), handle: (req, res, [accountId, uid]) => handleOriginalRequest(req, res, accountId!, uid!) },
    // Playback: HLS/DASH manifests and segments.
    { match: pattern(STREAM_PATH), handle: (req, res, [idOrToken, name]) => handleStreamRequest(req, res, idOrToken!, name!) },
    // MP4 downloads (Content-Disposition: attachment).
    { match: pattern(DOWNLOAD_PATH), handle: (req, res, [idOrToken]) => handleDownloadRequest(req, res, idOrToken!) },
    { match: (path) => (path === METRICS_PATH ? [] : null), handle: (req, res) => handleMetricsRequest(req, res) },
    // The watch and iframe pages: checked here so a refusal keeps its status (401, 403, 404);
    // a grant sets frame-ancestors on `res`, and Next renders the page.
    {
      match: pattern(PLAYER_PAGE_PATH),
      handle: async (req, res, [idOrToken, page]) => {
        if (await gatePlayerPage(req, res, idOrToken!, page as 'watch' | 'iframe')) sendToNext(req, res);
      },
    },
  ];

  const server = createServer((req, res) => {
    stripUntrustedHeaders(req);
    tagClientAddress(req, env.trustProxy);
    const requestId = requestIdOf(req);
    // Route handlers and the tus handler see the same id; the client gets it back.
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-ID', requestId);
    recordRequest(req, res, requestId);
    requestContext.run({ requestId }, () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      applySecurityHeaders(req, res, path, { dev, publicUrl: env.publicUrl });
      if (hasMalformedPercentEncoding(path)) {
        const message = 'The address is malformed: it has a "%" that is not followed by a valid encoded character.';
        return sendError(res, new AppError('BAD_REQUEST', message), surfaceOf(path));
      }
      for (const edge of edges) {
        const params = edge.match(path);
        if (params) {
          void edge.handle(req, res, params);
          return;
        }
      }
      // On-demand thumbnail renders are bounded before Next: past the bound, 503 + Retry-After.
      const admitted = admitThumbnailRequest(path, (req.url ?? '').slice(path.length + 1));
      if (admitted instanceof AppError) return sendError(res, admitted, 'text');
      if (admitted) res.once('close', admitted.release);
      if (isStrayPagePost(req, path)) return sendError(res, new AppError('BAD_REQUEST', STRAY_PAGE_POST_MESSAGE), 'text');
      answerApiMissesAsJson(res, path, req.method);
      sendToNext(req, res);
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
    const shownHost = env.host === '0.0.0.0' ? 'localhost' : env.host;
    setListenOrigin(`http://${shownHost}:${port}`);
    log.info({ host: env.host, port, mode: dev ? 'development' : 'production', dataDir: env.dataDir, uploadDir: env.uploadDir }, `Upstream ready on http://${shownHost}:${port} (${dev ? 'development' : 'production'})`);
  });
  server.once('error', (error: NodeJS.ErrnoException) => {
    log.fatal({ err: error }, `Upstream did not start: cannot listen on ${env.host}:${env.port} (${error.code ?? error.message}).`);
    process.exit(1);
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

main().catch(async (error: unknown) => {
  const { log } = await import('@/lib/log/logger');
  log.fatal({ err: error }, 'Upstream could not start');
  process.exit(1);
});
