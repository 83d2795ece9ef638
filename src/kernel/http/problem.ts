import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from '../errors.ts';
import { translator } from '../i18n/i18n.ts';

const PROBLEM_BASE = 'https://tartip.kz/problems/';

function isDbDown(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08000', '08003', '08006'].includes(code) ||
    /Connection terminated/.test(String((e as Error)?.message))
  );
}

function customCode(params: unknown): string | undefined {
  const code = (params as { params?: { code?: unknown } } | undefined)?.params?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps any thrown error to an AppError with a stable code. Unknown errors become internal_error. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (hasZodFastifySchemaValidationErrors(e)) {
    const errors: FieldError[] = e.validation.map((v) => ({
      path: `${(e as FastifyError).validationContext ?? 'body'}${v.instancePath === '/' ? '' : v.instancePath.replace(/\//g, '.')}`,
      message: v.message ?? 'invalid',
      // refinements carry their own stable code in params.code (e.g. date_out_of_range)
      code: customCode(v.params) ?? v.keyword,
    }));
    return new AppError('validation_failed', 'Request validation failed', { errors });
  }
  const fe = e as FastifyError;
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', fe.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', fe.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', fe.message);
  }
  if (e instanceof SyntaxError && fe.statusCode === 400) return new AppError('malformed_json', e.message);
  if (fe?.statusCode === 429) return new AppError('rate_limited', fe.message);
  if (fe?.statusCode === 413) return new AppError('payload_too_large', fe.message);
  if (fe?.statusCode === 415) return new AppError('unsupported_media_type', fe.message);
  if (fe?.statusCode === 400 && fe.validation) {
    return new AppError('validation_failed', fe.message, {
      errors: fe.validation.map((v) => ({ path: v.instancePath, message: v.message ?? 'invalid', code: v.keyword })),
    });
  }
  if (isDbDown(e)) return new AppError('database_unavailable', 'Database unavailable', { cause: e });
  return new AppError('internal_error', 'Internal error', { cause: e });
}

/** Sends an error as RFC 9457 problem+json, with its title in the caller's language. */
export function sendProblem(req: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  const err = toAppError(e);
  if (err.code === 'internal_error' || err.code === 'database_unavailable') {
    req.log.error({ err: err.cause ?? err }, 'request failed');
  } else if (isResponseSerializationError(e)) {
    req.log.error({ err: e }, 'response did not match its schema');
  }
  const t = translator(req.locale ?? 'ru');
  const code: ErrorCode = err.code;
  const body = {
    type: PROBLEM_BASE + code,
    title: t(`errors.${code}`),
    status: ERROR_STATUS[code],
    code,
    // internal details never leave the server
    ...(code === 'internal_error' || code === 'database_unavailable' ? {} : { detail: err.message }),
    instance: req.url.split('?')[0],
    requestId: String(req.id),
    ...(err.errors ? { errors: err.errors } : {}),
  };
  if (code === 'rate_limited') void reply.header('retry-after', '60');
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}
