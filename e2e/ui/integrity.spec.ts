import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Request } from '@playwright/test';
import { getVideo, newUser } from '../fixtures/http';
import { MEDIA } from '../fixtures/ui-media';
import { expect, test } from '../fixtures/test';
import { startThrottleProxy, type ThrottleProxy } from '../fixtures/throttle-proxy';
import { fileSha256, mediaIdOf, progressOf, setSessionCookie, uploadItem } from '../fixtures/ui';

/** CONTRACT §10 in the browser: checksums on every PATCH, "Verified" against the server's sha256, a file that changes mid-upload. */

let proxy: ThrottleProxy | undefined;

test.afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

test.describe('the uploader checks every byte', () => {
  test('a 30 MB upload sends Upload-Checksum on every PATCH and shows "Verified" once the server\'s sha256 matches the file', async ({ app, token, page, context }) => {
    const user = await newUser(app);
    await setSessionCookie(context, app.baseUrl, user.cookie);
    const checksums: (string | undefined)[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'PATCH') checksums.push(request.headers()['upload-checksum']);
    });
    await page.goto(`${app.baseUrl}/`);
    await page.getByLabel('Choose video').setInputFiles(MEDIA.big);
    const item = uploadItem(page, path.basename(MEDIA.big));
    await expect(item.getByText('Upload complete')).toBeVisible({ timeout: 60_000 });
    await expect(item.getByText('Verified', { exact: true })).toBeVisible();
    expect(checksums.length).toBeGreaterThan(1);
    for (const header of checksums) expect(header).toMatch(/^sha256 [A-Za-z0-9+/]{43}=$/);
    const uid = await mediaIdOf(item);
    const video = await getVideo(app, token, uid);
    expect(video.sha256).toBe(fileSha256(MEDIA.big));
    // The video's page shows the digest too.
    await page.goto(`${app.baseUrl}/videos/${uid}`);
    await expect(page.getByText(fileSha256(MEDIA.big), { exact: true })).toBeVisible();
  });

  test('a file replaced on the device mid-upload by another of the same size stops with "the file changed", not "Upload complete"', async ({ app, page, context }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-changing-'));
    const file = path.join(dir, 'changing.mp4');
    fs.copyFileSync(MEDIA.big, file);
    const user = await newUser(app);
    proxy = await startThrottleProxy(app.port, 6_000_000);
    await setSessionCookie(context, proxy.baseUrl, user.cookie);
    await page.goto(`${proxy.baseUrl}/`);
    await page.getByLabel('Choose video').setInputFiles(file);
    const item = uploadItem(page, 'changing.mp4');
    await expect.poll(() => progressOf(item)).toBeGreaterThan(10);

    fs.writeFileSync(file, randomBytes(fs.statSync(file).size));
    await expect(item.getByText('Stopped: the file changed')).toBeVisible({ timeout: 60_000 });
    await expect(item.getByRole('alert')).toHaveText(/The file changed on your device while it was uploading/);
    await expect(item.getByText('Upload complete')).toHaveCount(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
