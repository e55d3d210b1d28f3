import fs from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/lib/env';
import { isMediaId } from '@/lib/universal/is-media-id';

/**
 * Where an upload's bytes live: `<UPLOAD_DIR>/<uid>` (the bytes, exactly as sent) and
 * `<uid>.json` (@tus/file-store's record of the upload), plus `<uid>.thumbs/` once processed,
 * `<uid>.stream/` (renditions, lib/storage/stream-files.ts; `<uid>.encoding/` while they are made),
 * `<uid>.download/` (MP4 download) and, while a checksummed PATCH writes, `<uid>.unverified`.
 */

const STORED_NAME = /^([0-9a-f]{32})(\.json|\.thumbs|\.stream|\.encoding|\.download|\.unverified)?$/;

/** Only a media ID names a place under UPLOAD_DIR: anything else (a path, "..") is refused. */
export function uploadFilePath(uid: string): string {
  if (!isMediaId(uid)) throw new Error(`Not a media ID: "${uid.slice(0, 64)}"`);
  return path.join(getEnv().uploadDir, uid);
}

/** Bytes stored so far, or null when the file is gone. */
export async function storedBytes(uid: string): Promise<number | null> {
  try {
    return (await fs.stat(uploadFilePath(uid))).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * While a PATCH with Upload-Checksum writes, `<uid>.unverified` holds the offset it started
 * at: bytes past it are not verified yet. A process that dies mid-PATCH leaves it behind, and
 * whoever next takes the upload's lock cuts the file back to that offset (lib/upload-store/checksum-store.ts).
 */
export function unverifiedMarkerPath(uid: string): string {
  return `${uploadFilePath(uid)}.unverified`;
}

export async function hasUnverifiedBytes(uid: string): Promise<boolean> {
  return fs.stat(unverifiedMarkerPath(uid)).then(() => true, () => false);
}

export async function removeUploadFiles(uid: string): Promise<void> {
  const base = uploadFilePath(uid);
  await Promise.all([base, `${base}.json`, `${base}.thumbs`, `${base}.stream`, `${base}.encoding`, `${base}.download`, `${base}.unverified`].map((p) => fs.rm(p, { force: true, recursive: true })));
}

/** Every uid that has something stored under UPLOAD_DIR. */
export async function listStoredUids(): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(getEnv().uploadDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return [...new Set(names.flatMap((name) => STORED_NAME.exec(name)?.[1] ?? []))];
}
