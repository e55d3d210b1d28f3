/**
 * Where to go after signing in. Runs on the server and in the browser. Only paths on this
 * site are followed: the value is resolved against a stand-in origin the way a browser
 * resolves a link, and kept only if it stays on that origin. Control characters and
 * backslashes are refused outright (browsers drop tabs and newlines and read `\` as `/`, so
 * `/<TAB>/evil.example` would otherwise become `//evil.example`).
 */
const STAND_IN = 'https://upstream.invalid';

export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = '/'): string {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !text.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(text) || text.length > 2048) return fallback;
  let url: URL;
  try {
    url = new URL(text, STAND_IN);
  } catch {
    return fallback;
  }
  if (url.origin !== STAND_IN || text.startsWith('//')) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // Never come back to the auth pages themselves.
  if (/^\/(sign-in|sign-up)(\/|\?|#|$)/.test(target)) return fallback;
  return target;
}

export function signInPath(returnTo: string): string {
  const target = safeCallbackUrl(returnTo);
  return target === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(target)}`;
}
