/** Stable error codes: part of the API contract, translated by clients. Never rename one. */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  invalid_totp: 401,
  invalid_token: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldError = { path: string; message: string; code: string };

/** The one error type that services throw; the HTTP kernel maps it to problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { errors?: FieldError[]; params?: Record<string, string | number>; cause?: unknown } = {},
  ) {
    super(message ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = options.errors;
    this.params = options.params;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Shorthand for "not found" that is also used when access is denied, so records are not confirmed to exist. */
export function notFound(what = 'record'): AppError {
  return new AppError('not_found', `${what} not found`);
}
