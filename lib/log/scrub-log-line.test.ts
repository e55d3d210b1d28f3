import { expect, test } from '@playwright/test';
import { scrubLogLine } from './scrub-log-line';

const UID = '0123456789abcdef0123456789abcdef';

test.describe('the last guard before a log line is written', () => {
  test('an upload URL keeps its uid and loses its signature', () => {
    const line = `{"msg":"PATCH http://localhost:3000/api/tus/${UID}.1893456000.${'b'.repeat(43)} failed"}`;
    expect(scrubLogLine(line)).toBe(`{"msg":"PATCH http://localhost:3000/api/tus/${UID} failed"}`);
  });

  test('tokens, bearer credentials and passwords in URLs are replaced', () => {
    const line = 'Authorization: Bearer ups_abcdefghijklmnop; postgresql://app:hunter22@db:5432/x; jwt eyJhbGciOi.eyJzdWIiOiJ4In0.sig';
    const out = scrubLogLine(line);
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).not.toContain('hunter22');
    expect(out).not.toContain('eyJzdWIiOiJ4In0');
    expect(out).toContain('postgresql://[redacted]@db:5432/x');
  });

  test('query strings of URLs and configured secret values are replaced', () => {
    const out = scrubLogLine('to https://hooks.example.com/x?sig=abc and the admin password "s3cret-pass"', ['s3cret-pass']);
    expect(out).toBe('to https://hooks.example.com/x?[redacted] and the admin password "[redacted]"');
  });
});
