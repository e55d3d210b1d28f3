import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateNodeRequest } from '@/lib/auth/principal';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { assertAccount } from '@/lib/http/envelope';
import { sendError } from '@/lib/http/error-response';
import { sendFile } from '@/lib/http/send-file';
import { storedBytes, uploadFilePath } from '@/lib/storage/upload-files';
import { findVisibleVideo } from './find-video';

/** `GET /client/v4/accounts/{accountId}/stream/{uid}/original`, served by server.ts. */
export const ORIGINAL_PATH = /^\/client\/v4\/accounts\/([^/]+)\/stream\/([^/]+)\/original\/?$/;

const VIDEO_TYPE = /^video\/[A-Za-z0-9.+-]{1,64}$/;

function readMeta(text: string): { filetype?: unknown; filename?: unknown } {
  try {
    return JSON.parse(text) as { filetype?: unknown; filename?: unknown };
  } catch {
    return {};
  }
}

/** The uploaded bytes, exactly as sent, once the upload is complete and while they exist. */
export async function handleOriginalRequest(req: IncomingMessage, res: ServerResponse, accountId: string, uid: string): Promise<void> {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new AppError('METHOD_NOT_ALLOWED', 'The original takes GET or HEAD.', { Allow: 'GET, HEAD' });
    }
    const principal = await authenticateNodeRequest(req);
    assertAccount(accountId, getEnv().accountId);
    const video = await findVisibleVideo(uid, principal);
    const size = Number(video.size);
    if (!video.uploaded || (await storedBytes(video.uid)) !== size) {
      throw new AppError('NOT_FOUND', 'This video has no stored file: its upload is not complete, or it was cancelled or expired.');
    }
    const meta = readMeta(video.meta);
    const contentType = typeof meta.filetype === 'string' && VIDEO_TYPE.test(meta.filetype) ? meta.filetype : 'application/octet-stream';
    const filename = (typeof meta.filename === 'string' && meta.filename) || video.name || 'video';
    await sendFile(req, res, {
      path: uploadFilePath(video.uid),
      size,
      contentType,
      etag: `"${video.uid}"`,
      headers: {
        'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'private, no-cache',
      },
    });
  } catch (error) {
    sendError(res, error);
  }
}
