// BOUNDARY EXCEPTION: identity's public surface (src/modules/identity/index.ts) has no user list or
// display-name lookup, so these two reads touch the `users` table directly, limited to
// id, display_name, role, region_code and is_active. Replace them with identity functions once it
// exports them (asked for in the issue 5 report); nothing here writes to `users`.
import type { Executor } from '../../kernel/db/database.ts';
import './family-safety.tables.ts';

/** The case team with display names (creator, assignee), in the order they joined. */
export function teamOfCase(db: Executor, caseId: string) {
  return db
    .selectFrom('dv_case_team as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.user_id', 't.role', 'u.display_name'])
    .where('t.case_id', '=', caseId)
    .orderBy('t.added_at')
    .orderBy('t.user_id')
    .execute();
}

/** Active officers of a region's specialised unit (`dv_police_officer`), by display name. */
export function officersOfRegion(db: Executor, regionCode: string) {
  return db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('role', '=', 'dv_police_officer')
    .where('region_code', '=', regionCode)
    .where('is_active', '=', true)
    .orderBy('display_name')
    .orderBy('id')
    .limit(500)
    .execute();
}
