import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOffThreadHash, hashFileOffThread } from './hash-off-thread';

test('the digest off the thread equals node:crypto on the same bytes, whatever the chunking', async () => {
  const data = randomBytes(5 * 1024 * 1024 + 123);
  for (const algorithm of ['sha256', 'sha1', 'md5']) {
    const hash = createOffThreadHash(algorithm);
    for (let at = 0; at < data.length; ) {
      const size = 1 + ((at * 7919) % 200_000);
      hash.update(data.subarray(at, at + size));
      at += size;
    }
    expect((await hash.digest()).toString('hex')).toBe(createHash(algorithm).update(data).digest('hex'));
  }
});

test('hashes in flight at once stay apart, and an empty body has the empty digest', async () => {
  const a = createOffThreadHash('sha256');
  const b = createOffThreadHash('sha256');
  const empty = createOffThreadHash('sha256');
  const discarded = createOffThreadHash('sha256');
  a.update(Buffer.from('first'));
  b.update(Buffer.from('second'));
  discarded.update(randomBytes(2 * 1024 * 1024));
  discarded.discard();
  const [da, db, de] = await Promise.all([a.digest(), b.digest(), empty.digest()]);
  expect(da.toString('hex')).toBe(createHash('sha256').update('first').digest('hex'));
  expect(db.toString('hex')).toBe(createHash('sha256').update('second').digest('hex'));
  expect(de.toString('hex')).toBe(createHash('sha256').digest('hex'));
});

test('an unknown algorithm fails at once, in the caller', () => {
  expect(() => createOffThreadHash('nope')).toThrow();
});

test('a file hashed off the thread has the digest of its bytes; a missing file fails with its code', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hash-off-thread-'));
  const file = path.join(dir, 'bytes');
  const data = randomBytes(3 * 1024 * 1024 + 17);
  fs.writeFileSync(file, data);
  expect((await hashFileOffThread(file)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
  await expect(hashFileOffThread(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  fs.rmSync(dir, { recursive: true, force: true });
});
