import { createHash } from 'node:crypto';
import { inScope, type Actor } from '../../kernel/access/actor.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { AppError } from '../../kernel/errors.ts';
import { isRegionCode, listLegalReferences } from '../reference/index.ts';

/** A 400 with one field error: the shape the web forms show next to the field. */
export function fieldError(path: string, message: string, code: string): AppError {
  return new AppError('validation_failed', message, { errors: [{ path, message, code }] });
}

/** A 409 for a stale version: nothing was written, reload and try again. */
export function staleVersion(what: string, sent: number, current: number): AppError {
  return new AppError(
    'conflict',
    `The ${what} was changed by someone else (your version ${sent}, current ${current}); reload it and try again`,
    {
      params: { current },
    },
  );
}

export function checkRegion(actor: Actor, regionCode: string, path = 'body.regionCode'): void {
  if (!isRegionCode(regionCode)) throw fieldError(path, 'Unknown region', 'unknown_region');
  if (!inScope(actor, regionCode)) throw fieldError(path, 'You can only record cases of your region', 'out_of_scope');
}

/** The legal qualification must be one of the legal references (reference data). */
export async function checkLegalCode(db: Executor, code: string | null | undefined, path = 'body.legalCode'): Promise<void> {
  if (code === null || code === undefined) return;
  const refs = await listLegalReferences(db, null);
  if (!refs.some((r) => r.code === code)) throw fieldError(path, `Unknown legal reference ${code}`, 'unknown_legal_reference');
}

export function hashRequest(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** The local (UTC+5) calendar date of an instant. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
}

export function monthsBefore(d: Date, months: number): Date {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() - months);
  return x;
}

/** Who did it, as written on timeline entries and records. */
export const actorName = (a: Actor) => a.username;
