import { ApiError, type FieldIssue } from '../../lib/api';

// lib/api.ts has no way to add a request header yet; intake needs `Idempotency-Key`, so this one call
// repeats its conventions (cookies, CSRF header, problem+json → ApiError). See the report's API gaps.

/** POSTs JSON with an `Idempotency-Key`, so a double submit returns the same record. */
export async function postIdempotent<T>(path: string, body: unknown, key: string, csrfToken: string, language: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        'content-type': 'application/json',
        'accept-language': language,
        'x-csrf-token': csrfToken,
        'idempotency-key': key,
      },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError({ status: 0, code: 'network_error', detail: String(cause) });
  }
  const parsed: unknown = await response.json().catch(() => ({}));
  if (response.ok) return parsed as T;
  const problem = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const errors: FieldIssue[] = Array.isArray(problem.errors)
    ? problem.errors.map((raw: unknown) => {
        const issue = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
        const issuePath = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
        return {
          path: issuePath.replace(/^body\./, ''),
          message: typeof issue.message === 'string' ? issue.message : '',
          code: typeof issue.code === 'string' ? issue.code : 'custom',
        };
      })
    : [];
  throw new ApiError({
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : response.status === 409 ? 'conflict' : 'internal_error',
    detail: typeof problem.detail === 'string' ? problem.detail : null,
    errors,
    requestId: typeof problem.requestId === 'string' ? problem.requestId : null,
  });
}
