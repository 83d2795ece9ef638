import { AppError } from '../errors.ts';

/** Who is acting: a person with a session, a machine client with a token, or the system itself. */
export type Actor = {
  kind: 'user' | 'token' | 'system';
  userId: string | null;
  tokenId: string | null;
  username: string;
  organisationId: string | null;
  organisationCode: string | null;
  role: string;
  /** null = national scope (every region). */
  regionCode: string | null;
  permissions: ReadonlySet<string>;
  sessionId: string | null;
};

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  userId: null,
  tokenId: null,
  username: 'system',
  organisationId: null,
  organisationCode: null,
  role: 'system',
  regionCode: null,
  permissions: new Set(['*']),
  sessionId: null,
};

export function can(actor: Actor, permission: string): boolean {
  return actor.permissions.has(permission) || actor.permissions.has('*');
}

/** Throws 403 unless the actor holds the permission. */
export function requirePermission(actor: Actor, permission: string): void {
  if (!can(actor, permission)) throw new AppError('forbidden', `Missing permission ${permission}`);
}

/** True when the actor may see records of that region (national actors see all). */
export function inScope(actor: Actor, regionCode: string | null): boolean {
  return actor.regionCode === null || actor.regionCode === regionCode;
}
