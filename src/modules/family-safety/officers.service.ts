import { inScope, requirePermission } from '../../kernel/access/actor.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { checkRegion, fieldError } from './helpers.ts';
import { officersOfRegion } from './staff-directory.repository.ts';

/** Officers of a region's specialised unit to assign a case to (the caller's region by default). */
export async function listOfficers(p: Platform, ctx: RequestContext, region: string | undefined) {
  requirePermission(ctx.actor, 'dv_cases.write');
  const regionCode = region ?? ctx.actor.regionCode;
  if (!regionCode) throw fieldError('query.region', 'Say which region', 'required');
  checkRegion(ctx.actor, regionCode, 'query.region');
  if (!inScope(ctx.actor, regionCode)) return { items: [] };
  const rows = await officersOfRegion(p.db, regionCode);
  return { items: rows.map((u) => ({ id: u.id, displayName: u.display_name })) };
}
