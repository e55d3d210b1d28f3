import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { hashFileOffThread } from './hash-off-thread';

test('a file hashed off the thread has the digest of its bytes, for each algorithm and for files hashed at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hash-off-thread-'));
  try {
    const files = [randomBytes(3 * 1024 * 1024 + 17), randomBytes(5), Buffer.alloc(0)].map((data, i) => {
      fs.writeFileSync(path.join(dir, `f${i}`), data);
      return { file: path.join(dir, `f${i}`), data };
    });
    for (const algorithm of ['sha256', 'sha1', 'md5']) {
      const digests = await Promise.all(files.map(({ file }) => hashFileOffThread(file, algorithm)));
      expect(digests.map((d) => d.toString('hex'))).toEqual(files.map(({ data }) => createHash(algorithm).update(data).digest('hex')));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file fails with its code; an unknown algorithm fails at once, in the caller', async () => {
  await expect(hashFileOffThread(path.join(os.tmpdir(), 'no-such-file-here'))).rejects.toMatchObject({ code: 'ENOENT' });
  expect(() => hashFileOffThread('/dev/null', 'nope')).toThrow();
});
