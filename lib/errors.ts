/**
 * The few errors the app answers on purpose. Each becomes a status and a message a
 * person understands; anything else is unexpected, logged, and answered as a plain 500.
 */
export const ERROR_KINDS = {
  BAD_REQUEST: { status: 400, code: 10003 },
  UNAUTHENTICATED: { status: 401, code: 10000 },
  FORBIDDEN: { status: 403, code: 10001 },
  NOT_FOUND: { status: 404, code: 10002 },
  METHOD_NOT_ALLOWED: { status: 405, code: 10009 },
  CONFLICT: { status: 409, code: 10007 },
  GONE: { status: 410, code: 10006 },
  PRECONDITION_FAILED: { status: 412, code: 10004 },
  TOO_LARGE: { status: 413, code: 10005 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, code: 10008 },
  UNPROCESSABLE: { status: 422, code: 10011 },
  TOO_MANY_REQUESTS: { status: 429, code: 10013 },
  /** tus checksum extension: the body does not match Upload-Checksum. */
  CHECKSUM_MISMATCH: { status: 460, code: 10014 },
  UNAVAILABLE: { status: 503, code: 10010 },
  INSUFFICIENT_STORAGE: { status: 507, code: 10012 },
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly headers: Record<string, string>;

  constructor(kind: ErrorKind, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.kind = kind;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }

  get code(): number {
    return ERROR_KINDS[this.kind].code;
  }
}

export const INTERNAL_ERROR = { status: 500, code: 10500, message: 'Something went wrong on our side. Please try again.' };

export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === 'AppError' && 'kind' in error;
}
