import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../../kernel/db/database.ts';
import type {
  IndicatorRowType,
  OmEventsTable,
  OmResourcesTable,
  OmSubmissionsTable,
  ResourceKind,
  ResourceRow,
  ResourceStatus,
} from './tables.ts';

/** Inserts a resource or touches the existing one of the same (kind, locator); `isNew` says which. */
export async function upsertResource(db: Executor, v: Insertable<OmResourcesTable>): Promise<{ id: string; isNew: boolean }> {
  const r = await db
    .insertInto('om_resources')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['kind', 'locator']).doUpdateSet({
        last_seen_at: sql`now()`,
        source_count: sql`om_resources.source_count + 1`,
      }),
    )
    .returning(['id', sql<boolean>`(xmax = 0)`.as('is_new')])
    .executeTakeFirstOrThrow();
  return { id: r.id, isNew: Boolean(r.is_new) };
}

export function findResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('om_resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findResourceByLocator(db: Executor, kind: ResourceKind, locator: string) {
  return db.selectFrom('om_resources').selectAll().where('kind', '=', kind).where('locator', '=', locator).executeTakeFirst();
}

/** Locks the row for a status change (callers then update with the version they read). */
export function lockResource(db: Executor, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('om_resources').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Updates a resource if its version is still `version`; bumps the version. Undefined when it changed. */
export function updateResourceAt(db: Executor, id: string, version: number, changes: Updateable<OmResourcesTable>) {
  return db
    .updateTable('om_resources')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function updateResource(db: Executor, id: string, changes: Updateable<OmResourcesTable>) {
  return db
    .updateTable('om_resources')
    .set({ ...changes, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function insertSubmission(db: Executor, v: Insertable<OmSubmissionsTable>) {
  return db.insertInto('om_submissions').values(v).returning(['id', 'resource_id', 'outcome']).executeTakeFirstOrThrow();
}

export function findSubmissionByExternalId(db: Executor, submittedBy: string, externalId: string) {
  return db
    .selectFrom('om_submissions')
    .select(['id', 'resource_id', 'outcome'])
    .where('submitted_by', '=', submittedBy)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export type IndicatorInsert = { type: IndicatorRowType; value: string; last4: string | null };

/** Adds indicators of a resource (existing ones are kept); returns those that were new. */
export async function addIndicators(db: Executor, resourceId: string, items: readonly IndicatorInsert[]): Promise<IndicatorInsert[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insertInto('om_indicators')
    .values(items.map((i) => ({ resource_id: resourceId, type: i.type, value: i.value, last4: i.last4 })))
    .onConflict((oc) => oc.columns(['resource_id', 'type', 'value']).doNothing())
    .returning(['type', 'value', 'last4'])
    .execute();
  return rows;
}

export function indicatorsOf(db: Executor, resourceIds: readonly string[]) {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('om_indicators')
    .select(['resource_id', 'type', 'value', 'last4'])
    .where('resource_id', 'in', resourceIds)
    .orderBy('type')
    .orderBy('value')
    .execute();
}

/** Shops of other resources that share one of the identifiers (live shops only). */
export async function shopsSharingIndicators(db: Executor, resourceId: string, keys: readonly IndicatorInsert[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('om_indicators as i')
    .innerJoin('om_resources as r', 'r.id', 'i.resource_id')
    .select('r.shop_id')
    .distinct()
    .where('r.id', '<>', resourceId)
    .where('r.shop_id', 'is not', null)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('i.type', '=', k.type), eb('i.value', '=', k.value)]))))
    .execute();
  return rows.map((r) => r.shop_id!).filter(Boolean);
}

export async function shopsByFavicon(db: Executor, resourceId: string, sha: string): Promise<string[]> {
  const rows = await db
    .selectFrom('om_resources')
    .select('shop_id')
    .distinct()
    .where('favicon_sha256', '=', sha)
    .where('id', '<>', resourceId)
    .where('shop_id', 'is not', null)
    .execute();
  return rows.map((r) => r.shop_id!);
}

/** Candidates for near-duplicate text: resources in a shop sharing one 16-bit band of the SimHash. */
export function simhashCandidates(db: Executor, resourceId: string, bands: readonly number[]) {
  return db
    .selectFrom('om_resources')
    .select(['id', 'shop_id', 'simhash'])
    .where('id', '<>', resourceId)
    .where('shop_id', 'is not', null)
    .where('simhash', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('simhash_b0', '=', bands[0]!),
        eb('simhash_b1', '=', bands[1]!),
        eb('simhash_b2', '=', bands[2]!),
        eb('simhash_b3', '=', bands[3]!),
      ]),
    )
    .limit(500)
    .execute();
}

export function shopsByIds(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('om_shops').selectAll().where('id', 'in', ids).orderBy('first_seen_at').orderBy('code').execute();
}

export function findShop(db: Executor, id: string) {
  return db.selectFrom('om_shops').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertShop(db: Executor, name: string) {
  const seq = await sql<{ n: string | number }>`select nextval('om_shop_code_seq') as n`.execute(db);
  const code = `SHOP-${String(seq.rows[0]!.n).padStart(6, '0')}`;
  return db
    .insertInto('om_shops')
    .values({ code, name: name.slice(0, 200) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Moves every resource of `from` shops to `into` and marks them merged. */
export async function mergeShops(db: Executor, into: string, from: readonly string[]): Promise<void> {
  if (from.length === 0) return;
  await db
    .updateTable('om_resources')
    .set({ shop_id: into, updated_at: sql`now()` })
    .where('shop_id', 'in', from)
    .execute();
  await db
    .updateTable('om_shops')
    .set({ merged_into: into, status: 'dormant', version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', 'in', from)
    .execute();
  await db.updateTable('om_shops').set({ merged_into: into }).where('merged_into', 'in', from).execute();
}

export function touchShop(db: Executor, id: string, status?: 'active' | 'blocked') {
  return db
    .updateTable('om_shops')
    .set({ last_seen_at: sql`now()`, updated_at: sql`now()`, ...(status ? { status } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Whether the shop has a resource that was approved, published or verified blocked (other than `except`). */
export async function shopHasBlocked(db: Executor, shopId: string, except: string): Promise<boolean> {
  const r = await db
    .selectFrom('om_resources')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', '<>', except)
    .where('status', 'in', ['approved', 'published', 'blocked', 'reachable'])
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export function insertEvent(db: Executor, v: Omit<Insertable<OmEventsTable>, 'detail'> & { detail?: Record<string, unknown> }) {
  return db
    .insertInto('om_events')
    .values({ ...v, detail: JSON.stringify(v.detail ?? {}) })
    .execute();
}

export function resourcesOfShop(db: Executor, shopId: string) {
  return db
    .selectFrom('om_resources')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('first_seen_at')
    .orderBy('locator')
    .limit(1000)
    .execute();
}

export function eventsOf(db: Executor, filter: { resourceId?: string; shopId?: string; resourceIds?: readonly string[] }, limit = 500) {
  let q = db.selectFrom('om_events').selectAll();
  if (filter.resourceId) q = q.where('resource_id', '=', filter.resourceId);
  if (filter.shopId) {
    const ids = filter.resourceIds ?? [];
    q = q.where((eb) => eb.or([eb('shop_id', '=', filter.shopId!), ...(ids.length ? [eb('resource_id', 'in', ids)] : [])]));
  }
  return q.orderBy('id').limit(limit).execute();
}

export function decisionsOf(db: Executor, resourceId: string) {
  return db.selectFrom('om_decisions').selectAll().where('resource_id', '=', resourceId).orderBy('decided_at').execute();
}

export function checksOf(db: Executor, resourceId: string) {
  return db.selectFrom('om_checks').selectAll().where('resource_id', '=', resourceId).orderBy('checked_at', 'desc').limit(50).execute();
}

export function submissionsOf(db: Executor, resourceId: string) {
  return db
    .selectFrom('om_submissions')
    .select(['id', 'source', 'input_kind', 'region_code', 'outcome', 'created_at'])
    .where('resource_id', '=', resourceId)
    .orderBy('created_at')
    .limit(200)
    .execute();
}

/** Resources due for a reachability re-check (published, blocked or still reachable). */
export function dueForRecheck(db: Executor, limit: number) {
  return db
    .selectFrom('om_resources')
    .select(['id'])
    .where('status', 'in', ['published', 'blocked', 'reachable'] satisfies ResourceStatus[])
    .where('kind', '<>', 'text')
    .where((eb) => eb.or([eb('next_check_at', 'is', null), eb('next_check_at', '<=', sql<Date>`now()`)]))
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
}

/** Resources with a locator that were never captured (the job was lost or failed), for the sweep. */
export function uncaptured(db: Executor, maxAttempts: number, limit: number) {
  return db
    .selectFrom('om_resources')
    .select(['id'])
    .where('captured_at', 'is', null)
    .where('kind', '<>', 'text')
    .where('capture_attempts', '<', maxAttempts)
    .where(sql<boolean>`created_at < now() - interval '5 minutes'`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
