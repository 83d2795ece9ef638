import { findAccountFacts } from '../identity/index.ts';
import { sql } from 'kysely';
import { requirePermission } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import { dayOrNull } from './cases.presenter.ts';
import type { ProviderRow, SchoolRow } from './family-safety.tables.ts';
import { checkRegion, fieldError, staleVersion } from './helpers.ts';
import type { ProviderInput, ProviderQuery, ProviderUpdate, SchoolInput, StaffLinkInput } from './registry.schema.ts';

const ACTIVE = ['accepted', 'first_contact', 'support_plan', 'sessions'];

function presentProvider(r: ProviderRow & { open_referrals?: number | string | null }) {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    regionCode: r.region_code,
    name: r.name,
    address: r.address,
    phone: r.phone,
    services: r.services,
    capacity: r.capacity,
    status: r.status,
    opensOn: dayOrNull(r.opens_on),
    openReferrals: Number(r.open_referrals ?? 0),
    version: r.version,
    isSynthetic: r.is_synthetic,
  };
}
const presentSchool = (s: SchoolRow) => ({
  id: s.id,
  code: s.code,
  regionCode: s.region_code,
  name: s.name,
  address: s.address,
  isSynthetic: s.is_synthetic,
});

function providers(db: Executor) {
  return db
    .selectFrom('dv_providers as p')
    .selectAll('p')
    .select(
      sql<number>`(select count(*) from dv_referrals r where r.provider_id = p.id and r.status in (${sql.join(ACTIVE)}))`.as(
        'open_referrals',
      ),
    );
}

/** The registry of centres, NGOs, psychologists, shelters and health services (own region for regional roles). */
export async function listProviders(p: Platform, ctx: RequestContext, q: ProviderQuery) {
  requirePermission(ctx.actor, 'dv_registry.read');
  let query = providers(p.db).where(regionScope(ctx.actor, 'p.region_code'));
  if (q.region) query = query.where('p.region_code', '=', q.region);
  if (q.kind) query = query.where('p.kind', '=', q.kind);
  if (q.status) query = query.where('p.status', '=', q.status);
  const { rows, total } = await paginate(query.orderBy('p.region_code').orderBy('p.code'), q.page, q.pageSize);
  return { items: rows.map(presentProvider), total, page: q.page, pageSize: q.pageSize };
}

export async function getProvider(p: Platform, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'dv_registry.read');
  const r = await providers(p.db).where('p.id', '=', id).where(regionScope(ctx.actor, 'p.region_code')).executeTakeFirst();
  if (!r) throw notFound('provider');
  return presentProvider(r);
}

export async function createProvider(p: Platform, ctx: RequestContext, input: ProviderInput) {
  requirePermission(ctx.actor, 'dv_registry.write');
  checkRegion(ctx.actor, input.regionCode);
  return p.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('dv_providers').select('id').where('code', '=', input.code).executeTakeFirst())
      throw new AppError('conflict', 'Code taken', { errors: [{ path: 'body.code', message: 'This code is taken', code: 'taken' }] });
    const r = await tx
      .insertInto('dv_providers')
      .values({
        code: input.code,
        kind: input.kind,
        region_code: input.regionCode,
        name: input.name,
        address: input.address,
        phone: input.phone,
        services: input.services,
        capacity: input.capacity,
        status: input.status,
        opens_on: input.opensOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'dv_provider.create',
      resourceType: 'dv_provider',
      resourceId: r.id,
      regionCode: r.region_code,
      details: { code: r.code, kind: r.kind },
    });
    return presentProvider(r);
  });
}

export async function updateProvider(p: Platform, ctx: RequestContext, id: string, input: ProviderUpdate) {
  requirePermission(ctx.actor, 'dv_registry.write');
  const { version, opensOn, ...rest } = input;
  return p.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('dv_providers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before || (ctx.actor.regionCode !== null && before.region_code !== ctx.actor.regionCode)) throw notFound('provider');
    const r = await tx
      .updateTable('dv_providers')
      .set({
        ...rest,
        ...(opensOn !== undefined ? { opens_on: opensOn } : {}),
        version: sql<number>`version + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw staleVersion('provider', version, before.version);
    await recordAudit(tx, ctx, {
      action: 'dv_provider.update',
      resourceType: 'dv_provider',
      resourceId: id,
      regionCode: r.region_code,
      details: { changed: Object.keys(input) },
    });
    return presentProvider(r);
  });
}

export async function listSchools(p: Platform, ctx: RequestContext, q: { region?: string | undefined; page: number; pageSize: number }) {
  requirePermission(ctx.actor, 'dv_registry.read');
  let query = p.db.selectFrom('dv_schools').selectAll().where(regionScope(ctx.actor, 'region_code'));
  if (q.region) query = query.where('region_code', '=', q.region);
  const { rows, total } = await paginate(query.orderBy('region_code').orderBy('code'), q.page, q.pageSize);
  return { items: rows.map(presentSchool), total, page: q.page, pageSize: q.pageSize };
}

export async function createSchool(p: Platform, ctx: RequestContext, input: SchoolInput) {
  requirePermission(ctx.actor, 'dv_registry.write');
  checkRegion(ctx.actor, input.regionCode);
  return p.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('dv_schools').select('id').where('code', '=', input.code).executeTakeFirst())
      throw new AppError('conflict', 'Code taken', { errors: [{ path: 'body.code', message: 'This code is taken', code: 'taken' }] });
    const s = await tx
      .insertInto('dv_schools')
      .values({ code: input.code, region_code: input.regionCode, name: input.name, address: input.address })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'dv_school.create',
      resourceType: 'dv_school',
      resourceId: s.id,
      regionCode: s.region_code,
      details: { code: s.code },
    });
    return presentSchool(s);
  });
}

const LINK_ROLES: Record<'school' | 'provider', readonly string[]> = {
  school: ['school_contact'],
  provider: ['fsc_worker', 'ngo_worker', 'health_worker'],
};

/** Links a school's designated contact to the school, or a worker to their centre (one link per user). */
export async function linkStaff(p: Platform, ctx: RequestContext, input: StaffLinkInput) {
  requirePermission(ctx.actor, 'dv_registry.write');
  return p.db.transaction().execute(async (tx) => {
    const target = input.schoolId
      ? await tx.selectFrom('dv_schools').select(['id', 'region_code']).where('id', '=', input.schoolId).executeTakeFirst()
      : await tx
          .selectFrom('dv_providers')
          .select(['id', 'region_code'])
          .where('id', '=', input.providerId ?? '')
          .executeTakeFirst();
    const kind = input.schoolId ? 'school' : 'provider';
    if (!target) throw fieldError(`body.${kind}Id`, `Unknown ${kind}`, `unknown_${kind}`);
    checkRegion(ctx.actor, target.region_code, `body.${kind}Id`);
    const user = await findAccountFacts(tx, input.userId);
    if (!user || user.region_code !== target.region_code || !LINK_ROLES[kind].includes(user.role))
      throw fieldError('body.userId', `Link a ${LINK_ROLES[kind].join(' / ')} of the same region`, 'wrong_role_or_region');
    await tx
      .insertInto('dv_staff_links')
      .values({ user_id: user.id, school_id: input.schoolId ?? null, provider_id: input.providerId ?? null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ school_id: input.schoolId ?? null, provider_id: input.providerId ?? null }))
      .execute();
    await recordAudit(tx, ctx, {
      action: 'dv_staff.link',
      resourceType: 'user',
      resourceId: user.id,
      regionCode: target.region_code,
      details: { kind, targetId: target.id },
    });
    return { userId: user.id, schoolId: input.schoolId ?? null, providerId: input.providerId ?? null };
  });
}
