import { can, inScope, type Actor } from '../../kernel/access/actor.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { findActiveGrant, findCaseById, isTeamMember } from './cases.repository.ts';
import type { CaseRow } from './family-safety.tables.ts';

/** How the caller reaches a case: through their region/team, or a break-the-glass grant. */
export type CaseAccess = {
  row: CaseRow;
  via: 'scope' | 'grant';
  purpose: string | null;
  grantExpiresAt: Date | null;
  inTeam: boolean;
  /** Victims' addresses and contacts: the case team, or an explicit permission. */
  seesContacts: boolean;
};

/**
 * Whether the caller may open the case, and how. Regional callers reach their region's cases (and
 * cases they are on the team of); anything else needs an unexpired break-the-glass grant. null =
 * "not found" for the caller, so other regions' cases are not confirmed to exist.
 */
export async function readableCase(db: Executor, actor: Actor, id: string): Promise<CaseAccess | null> {
  if (!can(actor, 'dv_cases.read')) return null;
  const row = await findCaseById(db, id);
  if (!row) return null;
  const inTeam = await isTeamMember(db, id, actor.userId);
  const seesContacts = inTeam || can(actor, 'dv_cases.contacts');
  if (inScope(actor, row.region_code) || inTeam) return { row, via: 'scope', purpose: null, grantExpiresAt: null, inTeam, seesContacts };
  if (actor.userId && can(actor, 'dv_cases.break_glass')) {
    const grant = await findActiveGrant(db, id, actor.userId);
    if (grant) return { row, via: 'grant', purpose: grant.reason, grantExpiresAt: new Date(grant.expires_at), inTeam, seesContacts };
  }
  return null;
}
