import type { PreviousUpload, UrlStorage } from 'tus-js-client';

/**
 * Where the browser keeps what it needs to resume after a reload or a crash: per file
 * fingerprint, the one-time upload URL (tus-js-client's URL storage) plus what the page lists
 * ("Interrupted — name, 43%"). In localStorage, one entry per user and file; a completed or
 * cancelled upload removes its entry.
 */

export type StoredUpload = PreviousUpload & {
  /** The file's fingerprint (see fingerprint.ts), without the user part. */
  fingerprint: string;
  fileName: string;
  mediaId: string | null;
  percent: number;
  /** From the server's Upload-Expires; null until a response told it. */
  expiresAt: string | null;
};

type Extras = Pick<StoredUpload, 'fileName' | 'mediaId' | 'percent' | 'expiresAt'>;
type StoredValue = Omit<StoredUpload, 'fingerprint' | 'urlStorageKey'>;

const PREFIX = 'upstream:upload:';
// Past this, an upload URL has expired whatever the server's settings (MAX_UPLOAD_URL_TTL's default).
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // disabled storage or a sandboxed frame: uploads still work, without resume after reload
  }
}

function read(key: string, prefix: string): StoredUpload | null {
  try {
    const text = storage()?.getItem(key);
    if (!text) return null;
    const value = JSON.parse(text) as StoredValue;
    if (typeof value.uploadUrl !== 'string') return null;
    return { ...value, urlStorageKey: key, fingerprint: key.slice(prefix.length) };
  } catch {
    return null;
  }
}

function write(key: string, value: StoredValue): void {
  const { size, metadata, creationTime, uploadUrl, parallelUploadUrls, fileName, mediaId, percent, expiresAt } = value;
  try {
    storage()?.setItem(key, JSON.stringify({ size, metadata, creationTime, uploadUrl, parallelUploadUrls, fileName, mediaId, percent, expiresAt }));
  } catch {
    // Full or unavailable: resume after reload will not be offered for this file.
  }
}

function isExpired(upload: StoredUpload, now: number): boolean {
  if (upload.expiresAt) {
    const expires = Date.parse(upload.expiresAt);
    if (!Number.isNaN(expires)) return expires <= now;
  }
  const created = Date.parse(upload.creationTime);
  return Number.isNaN(created) || now - created > MAX_AGE_MS;
}

/** One user's stored uploads; the fingerprints it is given already name the file. */
export class ResumeStore implements UrlStorage {
  private readonly prefix: string;
  private readonly pending = new Map<string, Partial<Extras>>();

  constructor(userId: string) {
    this.prefix = `${PREFIX}${userId}|`;
  }

  private key(fingerprint: string): string {
    return this.prefix + fingerprint;
  }

  /** Every stored upload of this user that may still be resumed, oldest first; expired ones are dropped. */
  async findAllUploads(): Promise<StoredUpload[]> {
    const store = storage();
    if (!store) return [];
    const now = Date.now();
    const found: StoredUpload[] = [];
    const keys = Array.from({ length: store.length }, (_, i) => store.key(i)).filter((k): k is string => k?.startsWith(this.prefix) ?? false);
    for (const key of keys) {
      const upload = read(key, this.prefix);
      if (!upload || isExpired(upload, now)) store.removeItem(key);
      else found.push(upload);
    }
    return found.sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime));
  }

  async findUploadsByFingerprint(fingerprint: string): Promise<StoredUpload[]> {
    const upload = read(this.key(fingerprint), this.prefix);
    return upload && !isExpired(upload, Date.now()) ? [upload] : [];
  }

  async removeUpload(urlStorageKey: string): Promise<void> {
    if (!urlStorageKey.startsWith(this.prefix)) return;
    this.pending.delete(urlStorageKey.slice(this.prefix.length));
    try {
      storage()?.removeItem(urlStorageKey);
    } catch {
      // Nothing stored, nothing to remove.
    }
  }

  /** tus-js-client calls this once the upload URL is known (after the mint, before the first PATCH). */
  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = this.key(fingerprint);
    // Keep what an earlier entry for this file knew (a fresh client object resuming the same URL).
    const earlier = read(key, this.prefix);
    const extras = { ...(earlier?.uploadUrl === upload.uploadUrl ? earlier : {}), ...this.pending.get(fingerprint) };
    this.pending.delete(fingerprint);
    write(key, {
      ...upload,
      fileName: extras.fileName ?? upload.metadata?.filename ?? '',
      mediaId: extras.mediaId ?? null,
      percent: extras.percent ?? 0,
      expiresAt: extras.expiresAt ?? null,
    });
    return key;
  }

  /** Adds what the page lists to a stored upload, or keeps it until tus-js-client stores the URL. */
  note(fingerprint: string, extras: Partial<Extras>): void {
    const key = this.key(fingerprint);
    const current = read(key, this.prefix);
    if (current) write(key, { ...current, ...extras });
    else this.pending.set(fingerprint, { ...this.pending.get(fingerprint), ...extras });
  }

  forget(fingerprint: string): Promise<void> {
    return this.removeUpload(this.key(fingerprint));
  }
}
