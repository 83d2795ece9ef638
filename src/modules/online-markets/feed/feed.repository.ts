import { sql } from 'kysely';
import type { Executor, Tx } from '../../../kernel/db/database.ts';
import { paginate, type Paged } from '../../../kernel/db/paginate.ts';
import '../workflow/tables.ts';
import type { FeedEntryKind, FeedEntryRow, FeedVersionRow } from './tables.ts';
import './tables.ts';

// one writer of feed versions at a time, across processes (with the version primary key as a backstop)
const FEED_LOCK = 781_300_301;

/** Resource statuses whose resources must stay in the feed. */
export const LISTED_STATUSES = ['approved', 'published', 'blocked', 'reachable'] as const;

const dateText = sql<string>`to_char(decision_date, 'YYYY-MM-DD')`;

/** Serialises feed writers for the rest of the transaction. */
export async function lockFeed(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${FEED_LOCK})`.execute(tx);
}

export async function latestVersion(db: Executor): Promise<FeedVersionRow | undefined> {
  return db.selectFrom('om_feed_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function findVersion(db: Executor, version: number): Promise<FeedVersionRow | undefined> {
  return db.selectFrom('om_feed_versions').selectAll().where('version', '=', version).executeTakeFirst();
}

export type ListedResource = {
  resourceId: string;
  kind: FeedEntryKind;
  locator: string;
  status: string;
  decisionId: string;
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
};

/** Resources that must be blocked, each with its latest 'approve' decision (none: not listable). */
export async function listedResources(db: Executor): Promise<ListedResource[]> {
  const rows = await db
    .selectFrom('om_resources as r')
    .innerJoin('om_decisions as d', (j) => j.onRef('d.resource_id', '=', 'r.id').on('d.action', '=', 'approve'))
    .distinctOn('r.id')
    .select([
      'r.id as resourceId',
      'r.kind',
      'r.locator',
      'r.status',
      'd.id as decisionId',
      'd.legal_basis as legalBasis',
      'd.decision_number as decisionNumber',
      sql<string>`to_char(d.decision_date, 'YYYY-MM-DD')`.as('decisionDate'),
      'd.decision_body as decisionBody',
    ])
    .where('r.status', 'in', [...LISTED_STATUSES])
    .where('r.kind', 'in', ['domain', 'url', 'telegram'])
    .orderBy('r.id')
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
  return rows as ListedResource[];
}

export type EntryView = Omit<FeedEntryRow, 'decision_date'> & { decision_date: string };

const entryColumns = [
  'id',
  'resource_id',
  'decision_id',
  'kind',
  'value',
  'legal_basis',
  'decision_number',
  dateText.as('decision_date'),
  'decision_body',
  'added_in_version',
  'removed_in_version',
] as const;

/** Entries listed at `version` (added at or before it, not removed by it); all open ones when null. */
export async function entriesAt(db: Executor, version: number | null): Promise<EntryView[]> {
  let q = db.selectFrom('om_feed_entries').select(entryColumns);
  q =
    version === null
      ? q.where('removed_in_version', 'is', null)
      : q
          .where('added_in_version', '<=', version)
          .where((eb) => eb.or([eb('removed_in_version', 'is', null), eb('removed_in_version', '>', version)]));
  return q.orderBy('kind').orderBy('value').execute();
}

export type NewEntry = Omit<FeedEntryRow, 'id' | 'removed_in_version'>;

export async function insertVersion(tx: Tx, row: FeedVersionRow): Promise<void> {
  await tx.insertInto('om_feed_versions').values(row).execute();
}

export async function insertEntries(tx: Tx, rows: NewEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await tx
      .insertInto('om_feed_entries')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export async function closeEntries(tx: Tx, ids: string[], version: number): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await tx
      .updateTable('om_feed_entries')
      .set({ removed_in_version: version })
      .where('id', 'in', ids.slice(i, i + 1000))
      .where('removed_in_version', 'is', null)
      .execute();
}

export type SignatureRow = { version: number; format: string; sha256: string; signature: string; bytes: number };

export async function insertSignatures(tx: Tx, rows: SignatureRow[]): Promise<void> {
  if (rows.length) await tx.insertInto('om_feed_signatures').values(rows).execute();
}

export async function findSignature(db: Executor, version: number, format: string): Promise<SignatureRow | undefined> {
  return db.selectFrom('om_feed_signatures').selectAll().where('version', '=', version).where('format', '=', format).executeTakeFirst();
}

export async function signaturesOf(db: Executor, versions: number[]): Promise<SignatureRow[]> {
  if (!versions.length) return [];
  return db.selectFrom('om_feed_signatures').selectAll().where('version', 'in', versions).orderBy('version').orderBy('format').execute();
}

/** Moves approved resources to published (first publication), with their timeline events. */
export async function publishResources(tx: Tx, resourceIds: string[], version: number, actor: string): Promise<string[]> {
  if (!resourceIds.length) return [];
  const moved = await sql<{ id: string }>`
    update om_resources
       set status = 'published', published_at = now(), status_changed_at = now(),
           next_check_at = now() + interval '1 hour', updated_at = now(), version = version + 1
     where id = any(${resourceIds}::uuid[]) and status = 'approved'
    returning id`.execute(tx);
  const ids = moved.rows.map((r) => r.id);
  if (ids.length)
    await tx
      .insertInto('om_events')
      .values(
        ids.map((id) => ({
          resource_id: id,
          kind: 'published',
          from_status: 'approved',
          to_status: 'published',
          actor,
          detail: JSON.stringify({ feedVersion: version }),
        })),
      )
      .execute();
  return ids;
}

/** Timeline events for resources that left the feed (restored: their status is already set). */
export async function recordRemovals(tx: Tx, resourceIds: string[], version: number, actor: string): Promise<void> {
  if (!resourceIds.length) return;
  await tx
    .insertInto('om_events')
    .values(resourceIds.map((id) => ({ resource_id: id, kind: 'feed_removed', actor, detail: JSON.stringify({ feedVersion: version }) })))
    .execute();
}

export async function pageVersions(db: Executor, page: number, pageSize: number): Promise<Paged<FeedVersionRow>> {
  return paginate(db.selectFrom('om_feed_versions').selectAll().orderBy('version', 'desc'), page, pageSize);
}

export type DecisionSummaryRow = {
  version: number;
  change: 'added' | 'removed';
  action: string;
  decidedBy: string;
  decisionNumber: string;
  n: number;
};

/**
 * Who decided what behind each version: the approve decisions of added entries, and for removed
 * ones the latest restore decision of the resource taken before the version was made.
 */
export async function decisionSummaries(db: Executor, versions: number[]): Promise<DecisionSummaryRow[]> {
  if (!versions.length) return [];
  const r = await sql<DecisionSummaryRow>`
    select e.added_in_version as version, 'added' as change, d.action, d.decided_by as "decidedBy",
           d.decision_number as "decisionNumber", count(*)::int as n
      from om_feed_entries e join om_decisions d on d.id = e.decision_id
     where e.added_in_version = any(${versions})
     group by 1, 2, 3, 4, 5
    union all
    select e.removed_in_version, 'removed', coalesce(rd.action, 'none'), coalesce(rd.decided_by, ''),
           coalesce(rd.decision_number, ''), count(*)::int
      from om_feed_entries e
      join om_feed_versions v on v.version = e.removed_in_version
      left join lateral (
        select d.action, d.decided_by, d.decision_number from om_decisions d
         where d.resource_id = e.resource_id and d.action = 'restore' and d.decided_at <= v.created_at
         order by d.decided_at desc, d.id desc limit 1) rd on true
     where e.removed_in_version = any(${versions})
     group by 1, 2, 3, 4, 5
     order by 1 desc, 2, 5, 4`.execute(db);
  return r.rows;
}

export type ChangeRow = EntryView & {
  decidedBy: string | null;
  decidedAt: Date | null;
  restoreNumber: string | null;
  restoreReason: string | null;
  restoredBy: string | null;
};

/** Entries added and removed in one version, with the people and decisions behind them. */
export async function versionChanges(db: Executor, version: number): Promise<{ added: ChangeRow[]; removed: ChangeRow[] }> {
  const r = await sql<ChangeRow>`
    select e.id, e.resource_id, e.decision_id, e.kind, e.value, e.legal_basis, e.decision_number,
           to_char(e.decision_date, 'YYYY-MM-DD') as decision_date, e.decision_body, e.added_in_version,
           e.removed_in_version, d.decided_by as "decidedBy", d.decided_at as "decidedAt",
           rd.decision_number as "restoreNumber", rd.reason as "restoreReason", rd.decided_by as "restoredBy"
      from om_feed_entries e
      join om_feed_versions v on v.version = ${version}
      left join om_decisions d on d.id = e.decision_id
      left join lateral (
        select x.decision_number, x.reason, x.decided_by from om_decisions x
         where e.removed_in_version = ${version} and x.resource_id = e.resource_id and x.action = 'restore'
           and x.decided_at <= v.created_at
         order by x.decided_at desc, x.id desc limit 1) rd on true
     where e.added_in_version = ${version} or e.removed_in_version = ${version}
     order by e.kind, e.value, e.id`.execute(db);
  return {
    added: r.rows.filter((x) => x.added_in_version === version),
    removed: r.rows.filter((x) => x.removed_in_version === version),
  };
}
