import { sql, type RawBuilder } from 'kysely';
import { inScope, requirePermission } from '../../kernel/access/actor.ts';
import type { Executor } from '../../kernel/db/database.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isRegionCode } from '../reference/index.ts';
import { fieldError, localDate } from './helpers.ts';

type Period = { a: Date; b: Date; pa: Date; pb: Date };
type Num = number | string | null;
const n = (v: Num) => Number(v ?? 0);

const startOf = (d: string) => new Date(`${d}T00:00:00+05:00`);
const shiftYear = (d: string, y: number) => `${Number(d.slice(0, 4)) + y}${d.slice(4)}`.replace(/-02-29$/, '-02-28');

async function grouped<R>(db: Executor, query: RawBuilder<R>): Promise<Map<string, R>> {
  const r = await query.execute(db);
  return new Map(r.rows.map((row) => [(row as { region_code: string }).region_code, row]));
}

const regionFilter = (col: string, region: string | null) => (region ? sql`and ${sql.ref(col)} = ${region}` : sql``);

/**
 * Figures for the Commission, by region, for a period and the same period a year before: no personal
 * data, only counts and rates. Regional callers get their own region.
 */
export async function indicators(
  p: Platform,
  ctx: RequestContext,
  q: { from?: string | undefined; to?: string | undefined; region?: string | undefined },
) {
  requirePermission(ctx.actor, 'dv_indicators.read');
  const to = q.to ?? localDate(new Date());
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw fieldError('querystring.from', 'The period starts after it ends', 'from_after_to');
  if (q.region && !isRegionCode(q.region)) throw fieldError('querystring.region', 'Unknown region', 'unknown_region');
  if (q.region && !inScope(ctx.actor, q.region)) throw fieldError('querystring.region', 'Out of your region', 'out_of_scope');
  const region = q.region ?? ctx.actor.regionCode;
  const next = (d: string) => new Date(startOf(d).getTime() + 86_400_000);
  const per: Period = { a: startOf(from), b: next(to), pa: startOf(shiftYear(from, -1)), pb: next(shiftYear(to, -1)) };
  const cur = (col: string) => sql`${sql.ref(col)} >= ${per.a} and ${sql.ref(col)} < ${per.b}`;
  const prev = (col: string) => sql`${sql.ref(col)} >= ${per.pa} and ${sql.ref(col)} < ${per.pb}`;
  const db = p.db;
  const [cases, reports, measures, breaches, referrals, children, fsc] = await Promise.all([
    grouped(
      db,
      sql<{ region_code: string; cur: Num; prev: Num; repeats: Num; contacted: Num; hours: Num; within24: Num }>`
      select region_code, count(*) filter (where ${cur('created_at')}) as cur, count(*) filter (where ${prev('created_at')}) as prev,
        count(*) filter (where ${cur('created_at')} and is_repeat) as repeats,
        count(*) filter (where ${cur('created_at')} and first_contact_at is not null) as contacted,
        coalesce(sum(extract(epoch from first_contact_at - created_at) / 3600) filter (where ${cur('created_at')} and first_contact_at is not null), 0) as hours,
        count(*) filter (where ${cur('created_at')} and first_contact_at <= created_at + interval '24 hours') as within24
      from dv_cases where ((${cur('created_at')}) or (${prev('created_at')})) ${regionFilter('region_code', region)} group by region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; cur: Num; prev: Num }>`
      select region_code, count(*) filter (where ${cur('created_at')}) as cur, count(*) filter (where ${prev('created_at')}) as prev
      from dv_incidents where ((${cur('created_at')}) or (${prev('created_at')})) ${regionFilter('region_code', region)} group by region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; orders: Num; requirements: Num; breached: Num }>`
      select region_code, count(*) filter (where kind = 'protective_order') as orders, count(*) filter (where kind = 'special_requirements') as requirements,
        count(*) filter (where breach_count > 0) as breached
      from dv_measures where starts_on >= ${from}::date and starts_on <= ${to}::date ${regionFilter('region_code', region)} group by region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; breaches: Num }>`
      select m.region_code, count(*) as breaches from dv_measure_events e join dv_measures m on m.id = e.measure_id
      where e.kind = 'breach' and ${cur('e.occurred_at')} ${regionFilter('m.region_code', region)} group by m.region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; sent: Num; accepted: Num; completed: Num; rejected: Num }>`
      select region_code, count(*) filter (where ${cur('sent_at')}) as sent, count(*) filter (where ${cur('accepted_at')}) as accepted,
        count(*) filter (where status = 'closed' and ${cur('closed_at')}) as completed, count(*) filter (where status = 'rejected' and ${cur('closed_at')}) as rejected
      from dv_referrals where (${cur('sent_at')} or ${cur('closed_at')} or ${cur('accepted_at')}) ${regionFilter('region_code', region)} group by region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; notified: Num; supported: Num }>`
      select region_code, count(*) as notified,
        count(*) filter (where exists (select 1 from dv_child_support s where s.notification_id = n.id and s.kind in ('support_plan', 'follow_up', 'outcome'))) as supported
      from dv_child_notifications n where ${cur('created_at')} ${regionFilter('region_code', region)} group by region_code`,
    ),
    grouped(
      db,
      sql<{ region_code: string; capacity: Num; active: Num; centres: Num; planned: Num }>`
      select p.region_code, coalesce(sum(p.capacity) filter (where p.status = 'open'), 0) as capacity,
        count(*) filter (where p.status = 'open') as centres, count(*) filter (where p.status = 'planned') as planned,
        coalesce(sum((select count(*) from dv_referrals r where r.provider_id = p.id and r.status in ('accepted', 'first_contact', 'support_plan', 'sessions'))), 0) as active
      from dv_providers p where p.kind = 'fsc' ${regionFilter('p.region_code', region)} group by p.region_code`,
    ),
  ]);
  const regions = [
    ...new Set([...cases.keys(), ...reports.keys(), ...fsc.keys(), ...referrals.keys(), ...children.keys(), ...measures.keys()]),
  ].sort();
  const row = (r: string) => ({
    regionCode: r,
    cases: n(cases.get(r)?.cur ?? 0),
    casesPrevYear: n(cases.get(r)?.prev ?? 0),
    reports: n(reports.get(r)?.cur ?? 0),
    reportsPrevYear: n(reports.get(r)?.prev ?? 0),
    repeatCases: n(cases.get(r)?.repeats ?? 0),
    contacted: n(cases.get(r)?.contacted ?? 0),
    contactHours: n(cases.get(r)?.hours ?? 0),
    contactedWithin24h: n(cases.get(r)?.within24 ?? 0),
    protectiveOrders: n(measures.get(r)?.orders ?? 0),
    specialRequirements: n(measures.get(r)?.requirements ?? 0),
    measuresBreached: n(measures.get(r)?.breached ?? 0),
    breaches: n(breaches.get(r)?.breaches ?? 0),
    referralsSent: n(referrals.get(r)?.sent ?? 0),
    referralsAccepted: n(referrals.get(r)?.accepted ?? 0),
    referralsCompleted: n(referrals.get(r)?.completed ?? 0),
    referralsRejected: n(referrals.get(r)?.rejected ?? 0),
    childrenNotified: n(children.get(r)?.notified ?? 0),
    childrenSupported: n(children.get(r)?.supported ?? 0),
    fscOpen: n(fsc.get(r)?.centres ?? 0),
    fscPlanned: n(fsc.get(r)?.planned ?? 0),
    fscCapacity: n(fsc.get(r)?.capacity ?? 0),
    fscActiveReferrals: n(fsc.get(r)?.active ?? 0),
  });
  type Raw = ReturnType<typeof row>;
  const raw = regions.map(row);
  const pct = (c: number, pv: number) => (pv === 0 ? null : Math.round(((c - pv) / pv) * 1000) / 10);
  const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  const derive = ({ contacted, contactHours, contactedWithin24h, ...x }: Raw) => ({
    ...x,
    casesChangePct: pct(x.cases, x.casesPrevYear),
    reportsChangePct: pct(x.reports, x.reportsPrevYear),
    repeatRate: rate(x.repeatCases, x.cases),
    avgHoursToFirstContact: contacted === 0 ? null : Math.round((contactHours / contacted) * 10) / 10,
    firstContactWithin24hRate: rate(contactedWithin24h, x.cases),
    fscLoad: rate(x.fscActiveReferrals, x.fscCapacity),
  });
  const sum = raw.reduce<Raw>((t, r) => {
    const out = { ...t };
    for (const k of Object.keys(r) as (keyof Raw)[]) if (k !== 'regionCode') (out[k] as number) = (t[k] as number) + (r[k] as number);
    return out;
  }, row('total'));
  const { regionCode: _all, ...totals } = derive(sum);
  return {
    from,
    to,
    previousFrom: shiftYear(from, -1),
    previousTo: shiftYear(to, -1),
    regionCode: region,
    byRegion: raw.map(derive),
    totals,
  };
}

/** The caller's work at a glance: open and high-risk cases, escalations, overdue tasks and referral steps. */
export async function dashboard(p: Platform, ctx: RequestContext) {
  requirePermission(ctx.actor, 'dv_cases.read');
  const scope = (col: string) => (ctx.actor.regionCode ? sql`and ${sql.ref(col)} = ${ctx.actor.regionCode}` : sql``);
  const r = await sql<{ open: Num; high: Num; meeting: Num; tasks: Num; referrals: Num; overrides: Num }>`
    select
      (select count(*) from dv_cases where status = 'open' ${scope('region_code')}) as open,
      (select count(*) from dv_cases where status = 'open' and risk_band = 'high' ${scope('region_code')}) as high,
      (select count(*) from dv_cases where escalation = 'meeting_required' ${scope('region_code')}) as meeting,
      (select count(*) from dv_tasks where status = 'open' and due_at < now() ${scope('region_code')}) as tasks,
      (select count(*) from dv_referrals where due_at < now() and status not in ('draft', 'rejected', 'closed') ${scope('region_code')}) as referrals,
      (select count(*) from dv_assessments a join dv_cases c on c.id = a.case_id where a.override_status = 'pending' ${scope('c.region_code')}) as overrides`.execute(
    p.db,
  );
  const x = r.rows[0];
  return {
    openCases: n(x?.open ?? 0),
    highRiskCases: n(x?.high ?? 0),
    awaitingRiskMeeting: n(x?.meeting ?? 0),
    overdueTasks: n(x?.tasks ?? 0),
    overdueReferrals: n(x?.referrals ?? 0),
    pendingOverrides: n(x?.overrides ?? 0),
  };
}
