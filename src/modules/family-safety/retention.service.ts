import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Platform } from '../../kernel/platform.ts';
import { RULES } from './rules.ts';

const DAY_MS = 86_400_000;
const yearsBefore = (now: Date, years: number) => {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

/**
 * The retention job (periods in rules.json `retention`): closed cases past `closedCaseYears` are
 * deleted with everything hanging off them (people links, incidents, assessments, measures, tasks,
 * timeline, referrals, school notifications, attachments), then persons left in no case; expired
 * break-the-glass grants and idempotency keys past their periods go too. One transaction, one audit
 * entry with the counts and the deleted case ids; the audit trail itself is never touched.
 */
export async function runRetention(p: Platform, now = new Date()) {
  const r = RULES.retention;
  const caseCutoff = yearsBefore(now, r.closedCaseYears);
  return p.db.transaction().execute(async (tx) => {
    const old = await tx
      .selectFrom('dv_cases')
      .select(['id', 'region_code'])
      .where('status', '=', 'closed')
      .where(sql<boolean>`coalesce(closed_at, updated_at) < ${caseCutoff}`)
      .orderBy('id')
      .limit(5000)
      .execute();
    const ids = old.map((c) => c.id);
    let persons = 0;
    if (ids.length) {
      const personIds = (await tx.selectFrom('dv_case_people').select('person_id').distinct().where('case_id', 'in', ids).execute()).map(
        (x) => x.person_id,
      );
      // Links that would block the delete or outlive the case: cut them first.
      await tx.updateTable('dv_cases').set({ repeat_of: null }).where('repeat_of', 'in', ids).execute();
      await tx.updateTable('dv_meeting_actions').set({ case_id: null }).where('case_id', 'in', ids).execute();
      await tx.deleteFrom('dv_idempotency').where('case_id', 'in', ids).execute();
      await tx.deleteFrom('dv_cases').where('id', 'in', ids).execute();
      if (personIds.length) {
        const gone = await tx
          .deleteFrom('dv_persons')
          .where('id', 'in', personIds)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('dv_case_people as cp').select('cp.id').whereRef('cp.person_id', '=', 'dv_persons.id'))),
          )
          .returning('id')
          .execute();
        persons = gone.length;
      }
    }
    const grants = await tx
      .deleteFrom('dv_access_grants')
      .where('expires_at', '<', yearsBefore(now, r.breakGlassGrantYears))
      .returning('id')
      .execute();
    const keys = await tx
      .deleteFrom('dv_idempotency')
      .where('created_at', '<', new Date(now.getTime() - r.idempotencyKeyDays * DAY_MS))
      .returning('key')
      .execute();
    const summary = { cases: ids.length, persons, grants: grants.length, idempotencyKeys: keys.length };
    await recordAudit(
      tx,
      { actor: { ...SYSTEM_ACTOR, username: 'family-safety.retention' } },
      {
        action: 'dv_job.retention',
        resourceType: 'job',
        details: { ...summary, caseIds: ids, closedBefore: caseCutoff.toISOString() },
      },
    );
    return summary;
  });
}
