import { requirePermission } from '../../kernel/access/actor.ts';
import { regionScope } from '../../kernel/access/scope.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { paginate } from '../../kernel/db/paginate.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import type { AuditQuery } from './system.schema.ts';

/** Searches the trail. Searching is itself recorded, so oversight of the overseers is possible. */
export async function searchAudit(p: Platform, ctx: RequestContext, q: AuditQuery) {
  requirePermission(ctx.actor, 'audit.read');
  await p.audit.flush(); // deferred entries (machine decisions) are searchable as soon as they are committed
  return p.db.transaction().execute(async (tx) => {
    let query = tx.selectFrom('audit_log').where(regionScope(ctx.actor, 'region_code'));
    if (q.actor) query = query.where('actor_username', '=', q.actor);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
    if (q.resourceId) query = query.where('resource_id', '=', q.resourceId);
    if (q.region) query = query.where('region_code', '=', q.region);
    if (q.from) query = query.where('at', '>=', new Date(q.from));
    if (q.to) query = query.where('at', '<=', q.to.length === 10 ? new Date(`${q.to}T23:59:59.999Z`) : new Date(q.to));
    const { rows, total } = await paginate(query.selectAll().orderBy('seq', 'desc'), q.page, q.pageSize);
    const { page, pageSize, ...filters } = q;
    await recordAudit(tx, ctx, { action: 'audit.search', resourceType: 'audit_log', details: { filters, page } });
    return {
      items: rows.map((r) => ({
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        actor: { kind: r.actor_kind, userId: r.actor_user_id, username: r.actor_username, tokenId: r.actor_token_id },
        organisationCode: r.organisation_code,
        action: r.action,
        resourceType: r.resource_type,
        resourceId: r.resource_id,
        regionCode: r.region_code,
        purpose: r.purpose,
        requestId: r.request_id,
        details: r.details,
        hash: r.hash,
      })),
      total: total,
      page,
      pageSize,
    };
  });
}
