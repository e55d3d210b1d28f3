import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { formatBytes } from '@/lib/universal/format';

/**
 * Fetches a URL to a file for an upload via link: http(s) only, redirects followed (at most
 * MAX_REDIRECTS, each checked again), the body streamed to disk with a size limit, a time
 * limit for the whole download and a shorter one for a server that stops sending. Every
 * failure is a FetchOriginError whose message a person understands.
 */

export const MAX_REDIRECTS = 5;
/** A server that sends nothing for this long (or the whole limit, if shorter) has stalled. */
const STALL_MS = 30_000;

export class FetchOriginError extends Error {
  override name = 'FetchOriginError';
}

export type FetchLimits = { maxBytes: number; timeoutMs: number; signal?: AbortSignal };
export type FetchedFile = { size: number; sha256: string };


/** An http(s) URL, or a message saying why not. */
export function checkSourceUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new FetchOriginError(`"${text.slice(0, 200)}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchOriginError(`Only http:// and https:// URLs can be fetched, not ${url.protocol}//.`);
  if (url.href.length > 2048) throw new FetchOriginError('The URL is longer than 2048 characters.');
  return url;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'its host name was not found',
  EAI_AGAIN: 'its host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  UND_ERR_HEADERS_TIMEOUT: 'it sent no answer in time',
  UND_ERR_BODY_TIMEOUT: 'it stopped sending data',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is not valid for this host',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
};

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code ?? '';
  return NETWORK_REASONS[code] ?? (cause?.message ? cause.message.slice(0, 200) : 'the connection failed');
}

export async function fetchToFile(source: string, file: string, limits: FetchLimits): Promise<FetchedFile> {
  const controller = new AbortController();
  let why: string | null = null;
  const abort = (reason: string) => {
    why ??= reason;
    controller.abort();
  };
  const stallMs = Math.min(STALL_MS, limits.timeoutMs);
  const overall = setTimeout(() => abort(`The download took longer than the time limit of ${Math.round(limits.timeoutMs / 1000)} s.`), limits.timeoutMs);
  let stall = setTimeout(() => abort(`The server sent no data for ${Math.round(stallMs / 1000)} s.`), stallMs);
  const onOuterAbort = () => abort('The download was stopped (the video was deleted, or another process took over).');
  limits.signal?.addEventListener('abort', onOuterAbort);
  try {
    let url = checkSourceUrl(source);
    let response: Response;
    for (let redirects = 0; ; redirects += 1) {
      try {
        response = await fetch(url, { redirect: 'manual', signal: controller.signal, headers: { 'User-Agent': 'Upstream (upload via link)' } });
      } catch (error) {
        if (why) throw new FetchOriginError(why);
        throw new FetchOriginError(`The server at ${url.host} could not be reached: ${networkReason(error)}.`);
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => {});
        if (redirects >= MAX_REDIRECTS) throw new FetchOriginError(`The URL redirected more than ${MAX_REDIRECTS} times.`);
        try {
          url = checkSourceUrl(new URL(location, url).href);
        } catch (error) {
          throw new FetchOriginError(`The URL redirected to an address that cannot be fetched: ${(error as Error).message}`);
        }
        continue;
      }
      break;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new FetchOriginError(`The server at ${url.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} instead of the file.`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    const tooLarge = () => new FetchOriginError(`The file at the URL is larger than the limit of ${formatBytes(limits.maxBytes)} (MAX_UPLOAD_BYTES).`);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge();
    }
    if (!response.body) throw new FetchOriginError('The server sent an empty file.');
    const hash = createHash('sha256');
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        clearTimeout(stall);
        stall = setTimeout(() => abort(`The server stopped sending data for ${Math.round(stallMs / 1000)} s.`), stallMs);
        size += chunk.length;
        if (size > limits.maxBytes) {
          done(tooLarge());
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as unknown as NodeReadableStream), count, fs.createWriteStream(file));
    } catch (error) {
      if (error instanceof FetchOriginError) throw error;
      if (why) throw new FetchOriginError(why);
      if ((error as NodeJS.ErrnoException).path) throw error; // a disk error (it names the file): ours, not the origin's
      throw new FetchOriginError(`The download from ${url.host} broke off: ${networkReason(error)}.`);
    }
    if (size === 0) throw new FetchOriginError('The server sent an empty file.');
    return { size, sha256: hash.digest('hex') };
  } finally {
    clearTimeout(overall);
    clearTimeout(stall);
    limits.signal?.removeEventListener('abort', onOuterAbort);
  }
}
