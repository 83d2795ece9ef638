import { sql } from 'kysely';
import { requirePermission } from '../../../kernel/access/actor.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';

// days are Kazakhstan days (UTC+5)
const kzDay = (col: string) => sql.raw(`((${col} at time zone 'UTC') + interval '5 hours')::date::text`);
const inRange = (col: string, from: string, to: string) =>
  sql`((${sql.raw(col)} at time zone 'UTC') + interval '5 hours')::date between ${from}::date and ${to}::date`;

function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(v * 100) / 100;
}

/**
 * Daily figures for a date range (aggregates only): resources found, approved, published, verified
 * blocked, mirrors caught, median and p90 hours from detection to verified block; totals by label,
 * by source and by region of citizen reports.
 */
export async function dashboard(p: Platform, ctx: RequestContext, from: string, to: string) {
  requirePermission(ctx.actor, 'om.dashboard');
  if (from > to)
    throw new AppError('validation_failed', 'from is after to', {
      errors: [{ path: 'querystring.from', message: 'after to', code: 'bad_range' }],
    });
  const span = (Date.parse(to) - Date.parse(from)) / 86400e3;
  if (span > 366)
    throw new AppError('validation_failed', 'At most one year', {
      errors: [{ path: 'querystring.to', message: 'range > 366 days', code: 'bad_range' }],
    });
  const db = p.db;
  const count = async (table: string, col: string, extra = sql`true`) =>
    (
      await sql<{ day: string; n: number }>`select ${kzDay(col)} as day, count(*)::int as n from ${sql.table(table)}
        where ${inRange(col, from, to)} and ${extra} group by 1`.execute(db)
    ).rows;
  const found = await count('om_resources', 'first_seen_at');
  const approved = await count('om_decisions', 'decided_at', sql`action = 'approve'`);
  const published = await count('om_resources', 'published_at', sql`published_at is not null`);
  const blocked = await count('om_resources', 'verified_at', sql`verified_at is not null`);
  const mirrors = await count('om_events', 'at', sql`kind = 'mirror_detected'`);
  const hours = (
    await sql<{ day: string; h: number }>`select ${kzDay('verified_at')} as day,
      extract(epoch from (verified_at - first_seen_at)) / 3600.0 as h
      from om_resources where verified_at is not null and ${inRange('verified_at', from, to)}`.execute(db)
  ).rows.map((r) => ({ day: r.day, h: Number(r.h) }));
  const byLabel = await sql<{ label: string; count: number }>`select coalesce(label, 'unscanned') as label, count(*)::int as count
    from om_resources where ${inRange('first_seen_at', from, to)} group by 1 order by 1`.execute(db);
  const bySource = await sql<{ source: string; count: number }>`select source, count(*)::int as count
    from om_submissions where ${inRange('created_at', from, to)} group by 1 order by 1`.execute(db);
  const byRegion = await sql<{ regionCode: string; count: number }>`select region_code as "regionCode", count(*)::int as count
    from om_submissions where source = 'citizen' and region_code is not null and ${inRange('created_at', from, to)} group by 1 order by 1`.execute(
    db,
  );
  const at = (rows: { day: string; n: number }[], d: string) => Number(rows.find((r) => r.day === d)?.n ?? 0);
  type Day = {
    day: string;
    found: number;
    approved: number;
    published: number;
    blocked: number;
    mirrors: number;
    medianHoursToBlock: number | null;
    p90HoursToBlock: number | null;
  };
  const days: Day[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400e3) {
    const d = new Date(t).toISOString().slice(0, 10);
    const hs = hours
      .filter((x) => x.day === d)
      .map((x) => x.h)
      .sort((a, b) => a - b);
    days.push({
      day: d,
      found: at(found, d),
      approved: at(approved, d),
      published: at(published, d),
      blocked: at(blocked, d),
      mirrors: at(mirrors, d),
      medianHoursToBlock: percentile(hs, 0.5),
      p90HoursToBlock: percentile(hs, 0.9),
    });
  }
  const all = hours.map((x) => x.h).sort((a, b) => a - b);
  const sum = (k: 'found' | 'approved' | 'blocked' | 'mirrors') => days.reduce((a, d) => a + d[k], 0);
  return {
    from,
    to,
    days,
    totals: {
      found: sum('found'),
      approved: sum('approved'),
      blocked: sum('blocked'),
      mirrors: sum('mirrors'),
      medianHoursToBlock: percentile(all, 0.5),
      p90HoursToBlock: percentile(all, 0.9),
    },
    byLabel: byLabel.rows.map((r) => ({ label: r.label, count: Number(r.count) })),
    bySource: bySource.rows.map((r) => ({ source: r.source, count: Number(r.count) })),
    byRegion: byRegion.rows.map((r) => ({ regionCode: r.regionCode, count: Number(r.count) })),
  };
}
