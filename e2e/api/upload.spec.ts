import { expect, storedBytes, test } from '../fixtures/test';
import { getVideo, head, mintOk, newUser, patch, streamUrl } from '../fixtures/http';
import { openPatch, slowPatch } from '../fixtures/slow-patch';
import { UPLOADED } from '../fixtures/states';
import { randomFile, sha256, startTusUpload } from '../fixtures/tus';

const MiB = 1024 * 1024;

async function downloadOriginal(url: string, headers: Record<string, string>): Promise<Buffer> {
  const res = await fetch(url, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-length')).not.toBeNull();
  return Buffer.from(await res.arrayBuffer());
}

test.describe('uploads through the app', () => {
  test('tus-js-client uploads 100 MB through the mint route; the original has the same sha256', async ({ app, token }) => {
    const user = await newUser(app);
    const data = randomFile(100 * MiB);
    const run = startTusUpload(data, {
      endpoint: `${app.baseUrl}/api/uploads`,
      headers: { Cookie: user.cookie },
      metadata: { filename: 'big.mp4', filetype: 'video/mp4' },
    });
    const { mediaId } = await run.done;
    expect(mediaId).toMatch(/^[0-9a-f]{32}$/);

    const video = await getVideo(app, token, mediaId!);
    expect(video.status.state).toMatch(UPLOADED);
    expect(video.size).toBe(data.length);
    expect(video.meta.name).toBe('big.mp4');
    expect(video.uploaded).not.toBeNull();

    // The owner downloads it with the session; the API token can too.
    const original = await downloadOriginal(streamUrl(app, `/${mediaId}/original`), { Cookie: user.cookie });
    expect(sha256(original)).toBe(sha256(data));
    expect(sha256(storedBytes(app, mediaId!))).toBe(sha256(data));
  });

  test('an upload aborted at 40% resumes from the stored URL without sending a byte twice', async ({ app, token }) => {
    const data = randomFile(100 * MiB);
    const stored = new Map<string, string>();
    const urlStorage = {
      findAllUploads: async () => [],
      findUploadsByFingerprint: async (fp: string) => (stored.has(fp) ? [{ uploadUrl: stored.get(fp)!, size: data.length, metadata: {}, creationTime: '', urlStorageKey: fp, parallelUploadUrls: null }] : []),
      removeUpload: async (key: string) => void stored.delete(key),
      addUpload: async (fp: string, upload: { uploadUrl: string | null }) => {
        stored.set(fp, upload.uploadUrl!);
        return fp;
      },
    };
    const common = {
      endpoint: streamUrl(app, '?direct_user=true'),
      headers: { Authorization: `Bearer ${token}` },
      metadata: { name: 'resume.mp4' },
      fingerprint: async () => 'resume-test-file',
      urlStorage,
      chunkSize: 8 * MiB,
    };
    let aborted = false;
    const first = startTusUpload(data, {
      ...common,
      onProgressFraction: (fraction, upload) => {
        if (!aborted && fraction >= 0.4) {
          aborted = true;
          void upload.abort();
        }
      },
    });
    first.done.catch(() => {});
    await expect.poll(() => aborted).toBe(true);
    const uid = first.mediaId()!;
    expect(stored.get('resume-test-file')).toContain(uid);

    const offset = Number((await head(stored.get('resume-test-file')!)).headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(data.length);

    const resumed = startTusUpload(data, { ...common, resumePrevious: true });
    await resumed.done;
    // The first PATCH after resuming starts exactly at the server's offset: nothing before it is sent again.
    expect(resumed.patchOffsets[0]).toBe(offset);
    expect(resumed.patchOffsets.every((o) => o >= offset)).toBe(true);
    expect(sha256(storedBytes(app, uid))).toBe(sha256(data));
    expect((await getVideo(app, token, uid)).status.state).toMatch(UPLOADED);
  });

  test('one 50 MB PATCH stores 50 MB', async ({ app, token }) => {
    const data = randomFile(50 * MiB);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    const res = await patch(location, 0, data);
    expect(res.status).toBe(204);
    expect(res.headers.get('upload-offset')).toBe(String(data.length));
    const after = await head(location);
    expect(after.headers.get('upload-offset')).toBe(String(data.length));
    expect(sha256(storedBytes(app, uid))).toBe(sha256(data));
  });

  test('two PATCHes at once on one upload: the newer takes over and the file is never corrupted', async ({ app, token }) => {
    const data = randomFile(24 * MiB);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });

    // The older PATCH trickles its body; the newer one arrives while it is still running.
    const older = slowPatch(location, 0, data, 64 * 1024, 5);
    await expect.poll(async () => Number((await statOffset(app, uid)) ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
    const newer = await patch(location, 0, data);
    // The newer request took the lock; its offset 0 no longer matches what the older one stored.
    expect(newer.status).toBe(409);
    const olderStatus = await older;
    expect(olderStatus === 'reset' || (olderStatus >= 400 && olderStatus < 500)).toBe(true);

    // Whatever each delivered is a correct prefix: finish from the server's offset.
    const offset = Number((await head(location)).headers.get('upload-offset'));
    expect(sha256(storedBytes(app, uid).subarray(0, offset))).toBe(sha256(data.subarray(0, offset)));
    const rest = await patch(location, offset, data.subarray(offset));
    expect(rest.status).toBe(204);
    expect(sha256(storedBytes(app, uid))).toBe(sha256(data));
  });

  test('a HEAD takes over from a PATCH whose connection hangs, and the client resumes at once', async ({ app, token }) => {
    const data = randomFile(4 * MiB);
    const { uid, location } = await mintOk(app, token, { 'Upload-Length': String(data.length) });
    const hanging = openPatch(location, 0, data.length);
    hanging.write(data.subarray(0, MiB));
    await expect.poll(async () => statOffset(app, uid)).toBe(MiB);
    // The client gave up on the hanging connection; a new HEAD must not wait for it.
    const started = Date.now();
    const res = await head(location);
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('upload-offset'))).toBe(MiB);
    expect(Date.now() - started).toBeLessThan(5_000);
    const rest = await patch(location, MiB, data.subarray(MiB));
    expect(rest.status).toBe(204);
    expect(sha256(storedBytes(app, uid))).toBe(sha256(data));
    hanging.destroy();
  });
});

async function statOffset(app: { dataDir: string }, uid: string): Promise<number | null> {
  const fs = await import('node:fs/promises');
  try {
    return (await fs.stat(`${app.dataDir}/uploads/${uid}`)).size;
  } catch {
    return null;
  }
}
