import { inScope, requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isRegionCode } from '../reference/index.ts';
import * as repo from './settlements.repository.ts';
import { presentSettlement, presentSettlementDetail } from './settlements.presenter.ts';
import type { CreateSettlementInput, SettlementDetail, SettlementQuery, UpdateSettlementInput } from './settlements.schema.ts';

export async function listSettlements(p: Platform, ctx: RequestContext, q: SettlementQuery) {
  requirePermission(ctx.actor, 'settlements.read');
  const { rows, total } = await repo.findSettlements(p.db, ctx.actor, q);
  return { items: rows.map((r) => presentSettlement(r, ctx.actor)), total, page: q.page, pageSize: q.pageSize };
}

export async function getSettlement(p: Platform, ctx: RequestContext, id: string): Promise<SettlementDetail> {
  requirePermission(ctx.actor, 'settlements.read');
  const row = await repo.findSettlement(p.db, ctx.actor, id);
  if (!row) throw notFound('settlement');
  return presentSettlementDetail(row, ctx.actor);
}

function checkRegion(ctx: RequestContext, regionCode: string): void {
  if (!isRegionCode(regionCode))
    throw new AppError('validation_failed', 'Unknown region', {
      errors: [{ path: 'body.regionCode', message: 'Unknown region', code: 'unknown_region' }],
    });
  if (!inScope(ctx.actor, regionCode))
    throw new AppError('validation_failed', 'Out of your region', {
      errors: [{ path: 'body.regionCode', message: 'You can only record settlements of your region', code: 'out_of_scope' }],
    });
}

export async function createSettlement(
  p: Platform,
  ctx: RequestContext,
  input: CreateSettlementInput,
  opts: { isSynthetic?: boolean } = {},
): Promise<SettlementDetail> {
  requirePermission(ctx.actor, 'settlements.write');
  checkRegion(ctx, input.regionCode);
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.insertSettlement(tx, {
      name: input.name,
      region_code: input.regionCode,
      district: input.district,
      status: input.status,
      population: input.population,
      activists: input.activists,
      joined_on: input.joinedOn,
      notes: input.notes,
      is_synthetic: opts.isSynthetic ?? false,
      created_by: ctx.actor.username,
    });
    await recordAudit(tx, ctx, {
      action: 'settlement.create',
      resourceType: 'settlement',
      resourceId: row.id,
      regionCode: row.region_code,
      details: { name: row.name, status: row.status },
    });
    return presentSettlementDetail(row, ctx.actor);
  });
}

/** Optimistic locking: a stale `version` answers 409 conflict, never a silent lost update. */
export async function updateSettlement(
  p: Platform,
  ctx: RequestContext,
  id: string,
  input: UpdateSettlementInput,
): Promise<SettlementDetail> {
  requirePermission(ctx.actor, 'settlements.write');
  const { version, ...changes } = input;
  if (changes.regionCode !== undefined) checkRegion(ctx, changes.regionCode);
  return p.db.transaction().execute(async (tx) => {
    const before = await repo.findSettlement(tx, ctx.actor, id);
    if (!before) throw notFound('settlement');
    const population = changes.population ?? before.population;
    const activists = changes.activists ?? before.activists;
    if (activists > population)
      throw new AppError('validation_failed', 'More activists than inhabitants', {
        errors: [{ path: 'body.activists', message: 'More activists than inhabitants', code: 'activists_exceed_population' }],
      });
    const row = await repo.updateSettlement(tx, ctx.actor, id, version, {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.regionCode !== undefined ? { region_code: changes.regionCode } : {}),
      ...(changes.district !== undefined ? { district: changes.district } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.population !== undefined ? { population: changes.population } : {}),
      ...(changes.activists !== undefined ? { activists: changes.activists } : {}),
      ...(changes.joinedOn !== undefined ? { joined_on: changes.joinedOn } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
    });
    if (!row)
      throw new AppError('conflict', `The settlement was changed by someone else (your version ${version}, current ${before.version})`, {
        params: { current: before.version },
      });
    const changed = Object.fromEntries(
      Object.entries(changes).map(([k, v]) => [
        k,
        { from: (before as Record<string, unknown>)[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] ?? null, to: v },
      ]),
    );
    await recordAudit(tx, ctx, {
      action: 'settlement.update',
      resourceType: 'settlement',
      resourceId: id,
      regionCode: row.region_code,
      details: { version: row.version, changed },
    });
    return presentSettlementDetail(row, ctx.actor);
  });
}

export async function settlementStats(p: Platform, ctx: RequestContext) {
  requirePermission(ctx.actor, 'settlements.read');
  const rows = await repo.statsByRegion(p.db, ctx.actor);
  const byRegion = rows.map((r) => ({
    regionCode: r.region_code,
    candidate: Number(r.candidate),
    pledged: Number(r.pledged),
    certified: Number(r.certified),
    suspended: Number(r.suspended),
    total: Number(r.total),
    population: Number(r.population),
  }));
  return {
    byRegion,
    totals: {
      settlements: byRegion.reduce((a, r) => a + r.total, 0),
      population: byRegion.reduce((a, r) => a + r.population, 0),
      activists: rows.reduce((a, r) => a + Number(r.activists), 0),
    },
  };
}
