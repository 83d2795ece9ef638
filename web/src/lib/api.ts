// The one HTTP client of the web app: same-origin cookies, CSRF header on writes, problem+json errors.

/** A field-level issue from problem+json `errors[]`; `code` is the zod issue code. */
export type FieldIssue = { path: string; message: string; code: string };

/** Codes the server may send (docs/api-contract.md) plus `network_error` for failures before any answer. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'session_expired',
  'invalid_credentials',
  'totp_required',
  'invalid_totp',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'malformed_json',
  'internal_error',
  'database_unavailable',
  'network_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An API failure, typed from the server's problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | null;
  readonly errors: FieldIssue[];
  readonly requestId: string | null;

  constructor(init: { status: number; code: string; detail?: string | null; errors?: FieldIssue[]; requestId?: string | null }) {
    super(`${init.status} ${init.code}${init.detail ? `: ${init.detail}` : ''}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail ?? null;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId ?? null;
  }
}

/** Narrows an unknown thrown value to ApiError. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

let csrfToken: string | null = null;
let requestLanguage: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token; every non-GET request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Asks the server for problem titles in the UI language (`accept-language`). */
export function setRequestLanguage(language: string | null): void {
  requestLanguage = language;
}

/** Registers what happens when the server says the session is gone (the app returns to /login). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'database_unavailable',
};

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Extra request headers for one call (e.g. `Idempotency-Key`); they cannot replace the client's own. */
export type RequestOptions = { headers?: Record<string, string> };

async function request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (requestLanguage) headers['accept-language'] = requestLanguage;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: 'network_error', detail: String(cause) });
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const error = await toApiError(response);
  // A wrong password or code is also a 401, but it is an answer to the login form, not a lost session.
  if (error.status === 401 && (error.code === 'unauthenticated' || error.code === 'session_expired')) {
    onUnauthenticated?.();
  }
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const fallback = STATUS_CODES[response.status] ?? 'internal_error';
  let problem: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object') problem = parsed as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone decides the code.
  }
  return new ApiError({
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : fallback,
    detail: typeof problem.detail === 'string' ? problem.detail : null,
    errors: Array.isArray(problem.errors) ? problem.errors.map(toFieldIssue) : [],
    requestId: typeof problem.requestId === 'string' ? problem.requestId : null,
  });
}

function toFieldIssue(raw: unknown): FieldIssue {
  const issue = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
  return {
    path: path.replace(/^body\./, ''),
    message: typeof issue.message === 'string' ? issue.message : '',
    code: typeof issue.code === 'string' ? issue.code : 'custom',
  };
}

/** Builds `path?query` from a record, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, undefined, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, undefined, options),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
