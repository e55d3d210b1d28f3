/**
 * The last guard before a log line is written: whatever a message or an error carries, no
 * capability or secret reaches the log. Upload URLs (`<uid>.<expiry>.<signature>`) keep only
 * their uid, JWTs (signed playback tokens), API tokens, bearer credentials, passwords in
 * URLs and the configured secret values are replaced.
 */

const RULES: [RegExp, string][] = [
  // One-time upload URLs (tus, direct uploads): the uid is useful, the rest is the capability.
  [/\b([0-9a-f]{32})\.\d{1,12}\.[A-Za-z0-9_-]{20,}/g, '$1'],
  // JWTs: signed playback tokens, session tokens.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[token]'],
  // Upstream API tokens.
  [/\bups_[A-Za-z0-9_-]{8,}/g, 'ups_[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  // user:password@ in URLs (database and Redis URLs).
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"]*:[^/\s@"]*@/gi, '$1[redacted]@'],
  // Query strings of URLs may hold signatures or tokens.
  [/(\bhttps?:\/\/[^\s"?]+)\?[^\s"]*/gi, '$1?[redacted]'],
];

export function scrubLogLine(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    // The same secret as it appears inside a JSON string.
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join('[redacted]');
  }
  return out;
}
