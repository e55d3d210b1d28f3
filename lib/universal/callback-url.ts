/**
 * Where to go after signing in. Runs on the server and in the browser. Only paths on this
 * site are followed (never `//host` or `https://…`: no open redirect).
 */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = '/'): string {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return fallback;
  // Never come back to the auth pages themselves.
  if (/^\/(sign-in|sign-up)(\/|\?|$)/.test(text)) return fallback;
  return text;
}

export function signInPath(returnTo: string): string {
  const target = safeCallbackUrl(returnTo);
  return target === '/' ? '/sign-in' : `/sign-in?callbackUrl=${encodeURIComponent(target)}`;
}
