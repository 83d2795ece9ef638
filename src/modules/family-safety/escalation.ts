import type { Tx } from '../../kernel/db/database.ts';
import { addTimeline, countIncidentsSince, touchCase } from './cases.repository.ts';
import type { CaseRow } from './family-safety.tables.ts';
import { monthsBefore } from './helpers.ts';
import { RULES } from './rules.ts';
import { createTask } from './tasks.repository.ts';

/**
 * Sends a case to a multi-agency risk meeting when its band is one of the escalation bands or it
 * had as many incidents within the repeat window as the rules say (both thresholds are data).
 */
export async function escalateIfNeeded(tx: Tx, row: CaseRow, by: string, now = new Date()): Promise<CaseRow> {
  if (row.escalation !== 'none' || row.status !== 'open') return row;
  const byBand = row.risk_band !== null && (RULES.escalation.bands as string[]).includes(row.risk_band);
  const recent = await countIncidentsSince(tx, row.id, monthsBefore(now, RULES.repeatWindowMonths));
  const byRepeat = recent >= RULES.escalation.repeatIncidents;
  if (!byBand && !byRepeat) return row;
  const updated = await touchCase(tx, row.id, { escalation: 'meeting_required' });
  await createTask(tx, {
    caseId: row.id,
    regionCode: row.region_code,
    kind: 'risk_meeting',
    from: now,
    sourceKey: `risk_meeting:${row.id}`,
  });
  await addTimeline(tx, {
    case_id: row.id,
    kind: 'escalated',
    summary: byBand
      ? `Risk band ${row.risk_band}: to a multi-agency risk meeting`
      : `${recent} incidents within ${RULES.repeatWindowMonths} months: to a multi-agency risk meeting`,
    actor: by,
    details: { byBand, recentIncidents: recent },
    params: { band: byBand ? row.risk_band : null, incidents: recent, months: RULES.repeatWindowMonths },
  });
  return updated;
}
