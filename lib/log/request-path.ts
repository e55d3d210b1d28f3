/**
 * What a log line or a metric may say about a request's path. The query string is always
 * dropped (it may hold signatures or tokens). In a path, a one-time upload URL's token
 * (`<uid>.<expiry>.<signature>`) becomes its uid, and a segment that looks like a token
 * (a JWT in place of a uid, anything long and opaque) becomes `:token`.
 */

const UPLOAD_TOKEN = /^([0-9a-f]{32})\.\d{1,12}\.[A-Za-z0-9_-]+$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const UID = /^[0-9a-f]{32}$/;
const WORD = /^[A-Za-z][A-Za-z0-9_.-]{0,39}$/;

function pathOnly(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

function loggableSegment(segment: string): string {
  const upload = UPLOAD_TOKEN.exec(segment);
  if (upload) return upload[1]!;
  if ((JWT.test(segment) && segment.length >= 32) || segment.length > 80) return ':token';
  return segment;
}

/** The path for a log line: uids kept (they name the video), tokens and the query never. */
export function loggablePath(url: string): string {
  return pathOnly(url)
    .split('/')
    .map(loggableSegment)
    .join('/')
    .slice(0, 200);
}

const FIRST_SEGMENTS = new Set(['', 'api', 'client', 'stream', 'admin', 'videos', 'sign-in', 'sign-up', 'metrics', 'favicon.ico', 'icon.svg']);

/**
 * The route pattern for a metric label, of few values whatever the traffic: ids become
 * `:uid` / `:token` / `:id`, `/client/v4/accounts/<id>` becomes `:account`, Next's assets
 * `/_next/*`, and a path outside the app's own `/:other`.
 */
export function routePattern(url: string): string {
  const segments = pathOnly(url).split('/').slice(1);
  if (segments[0] === '_next') return '/_next/*';
  if (!FIRST_SEGMENTS.has(segments[0] ?? '')) return '/:other';
  const out = segments.slice(0, 8).map((segment, index) => {
    if (segment === '') return '';
    if (UID.test(segment) || UPLOAD_TOKEN.test(segment)) return ':uid';
    if (index === 3 && segments[0] === 'client' && segments[2] === 'accounts') return ':account';
    if (JWT.test(segment) && segment.length >= 32) return ':token';
    return WORD.test(segment) ? segment : ':id';
  });
  return `/${out.join('/')}`;
}
