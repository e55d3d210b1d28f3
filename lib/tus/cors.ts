/** CORS for the upload URL: any origin may use it (the URL itself is the credential). */

export const EXPOSED_HEADERS = [
  'Upload-Offset',
  'Upload-Length',
  'Upload-Expires',
  'Upload-Metadata',
  'Upload-Defer-Length',
  'Location',
  'Stream-Media-ID',
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Tus-Checksum-Algorithm',
  'Repr-Digest',
].join(', ');

const DEFAULT_ALLOWED_HEADERS =
  'Authorization, Content-Type, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, Upload-Concat, Upload-Checksum, Tus-Resumable, X-HTTP-Method-Override, X-Requested-With, X-Request-ID';

export const ALLOWED_METHODS = 'HEAD, PATCH, DELETE, OPTIONS';

export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin || '*',
    Vary: 'Origin',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS,
  };
}

export function preflightHeaders(origin: string | undefined, requestedHeaders: string | undefined): Record<string, string> {
  const asked = requestedHeaders?.trim();
  return {
    ...corsHeaders(origin),
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    // Clients add their own headers (X-Request-ID, tracing): allow what the preflight asks for.
    'Access-Control-Allow-Headers': asked && /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/.test(asked) ? asked : DEFAULT_ALLOWED_HEADERS,
    'Access-Control-Max-Age': '86400',
  };
}
