const MEDIA_ID = /^[0-9a-f]{32}$/;

/** A video uid as we mint them (32 lowercase hex): anything else names no video and no file. */
export function isMediaId(uid: string): boolean {
  return MEDIA_ID.test(uid);
}
