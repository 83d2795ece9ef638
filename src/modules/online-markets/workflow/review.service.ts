import { requirePermission } from '../../../kernel/access/actor.ts';
import { recordAudit } from '../../../kernel/audit/audit.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { RequestContext } from '../../../kernel/http/types.ts';
import type { Platform } from '../../../kernel/platform.ts';
import { listLegalReferences } from '../../reference/index.ts';
import { scheduleFeedRegeneration } from '../feed/feed.service.ts';
import { sql, type Updateable } from 'kysely';
import type { OmResourcesTable, ResourceRow, ResourceStatus } from './tables.ts';
import * as repo from './workflow.repository.ts';

export type Action = 'take' | 'dismiss' | 'reopen' | 'approve' | 'restore';

/** Who may move a resource where. Published/blocked/reachable are set by the feed and re-check jobs. */
const TRANSITIONS: Record<Action, { from: readonly ResourceStatus[]; to: ResourceStatus; permission: string }> = {
  take: { from: ['detected'], to: 'in_review', permission: 'om.review' },
  dismiss: { from: ['detected', 'in_review'], to: 'dismissed', permission: 'om.review' },
  reopen: { from: ['dismissed', 'restored'], to: 'in_review', permission: 'om.review' },
  approve: { from: ['in_review'], to: 'approved', permission: 'om.approve' },
  restore: { from: ['approved', 'published', 'blocked', 'reachable'], to: 'restored', permission: 'om.approve' },
};

export type DecisionInput = {
  legalBasis: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  reason: string;
};
export type RestoreInput = {
  ground: 'content_removed' | 'decision_revoked';
  reason: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
};
export type TransitionInput = { version: number; reason?: string; decision?: DecisionInput; restore?: RestoreInput };

/** Today in Kazakhstan (UTC+5), for "not in the future". */
export const todayKz = (): string => new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10);

function fieldError(path: string, code: string, message: string): AppError {
  return new AppError('validation_failed', message, { errors: [{ path, message, code }] });
}

async function checkDecision(tx: Tx, d: { decisionDate: string; legalBasis: string }, path: string): Promise<void> {
  if (d.decisionDate > todayKz()) throw fieldError(`${path}.decisionDate`, 'date_in_future', 'The decision date is in the future');
  const known = await listLegalReferences(tx, d.decisionDate);
  if (!known.some((r) => r.code === d.legalBasis))
    throw fieldError(`${path}.legalBasis`, 'unknown_legal_basis', `Unknown legal basis ${d.legalBasis}`);
}

/**
 * Applies one workflow step to a resource in the caller's transaction: permission, legal transition
 * (409 illegal_transition), optimistic lock (409 version_conflict), decision record, event, audit,
 * and a feed regeneration request for approvals and restorations.
 */
export async function transitionIn(
  p: Platform,
  tx: Tx,
  ctx: RequestContext,
  id: string,
  action: Action,
  input: TransitionInput,
): Promise<ResourceRow> {
  const rule = TRANSITIONS[action];
  requirePermission(ctx.actor, rule.permission);
  const r = await repo.lockResource(tx, id);
  if (!r) throw notFound('resource');
  if (!rule.from.includes(r.status)) {
    throw new AppError('conflict', `Cannot ${action} a resource that is ${r.status}`, {
      params: { status: r.status },
      errors: [{ path: 'status', message: `${r.status} → ${rule.to} is not allowed`, code: 'illegal_transition' }],
    });
  }
  if (r.version !== input.version) {
    throw new AppError('conflict', `The resource was changed by someone else (your version ${input.version}, current ${r.version})`, {
      params: { current: r.version },
      errors: [{ path: 'body.version', message: 'stale version', code: 'version_conflict' }],
    });
  }
  const now = new Date();
  let detail: Record<string, unknown> = { reason: input.reason ?? null };
  if (action === 'approve') {
    const d = input.decision;
    if (!d) throw fieldError('body.decision', 'required', 'Approval needs the legal basis and the decision');
    await checkDecision(tx, d, 'body.decision');
    await tx
      .insertInto('om_decisions')
      .values({
        resource_id: r.id,
        action: 'approve',
        legal_basis: d.legalBasis,
        decision_number: d.decisionNumber,
        decision_date: d.decisionDate,
        decision_body: d.decisionBody,
        reason: d.reason,
        decided_by: ctx.actor.username,
      })
      .execute();
    detail = { legalBasis: d.legalBasis, decisionNumber: d.decisionNumber, decisionDate: d.decisionDate, reason: d.reason };
  }
  if (action === 'restore') {
    const d = input.restore;
    if (!d) throw fieldError('body.restore', 'required', 'Restoring needs the ground, the reason and the decision');
    const last = (await repo.decisionsOf(tx, r.id)).filter((x) => x.action === 'approve').at(-1);
    const legalBasis = last?.legal_basis ?? 'law-communications-41-1';
    await checkDecision(tx, { decisionDate: d.decisionDate, legalBasis }, 'body.restore');
    await tx
      .insertInto('om_decisions')
      .values({
        resource_id: r.id,
        action: 'restore',
        legal_basis: legalBasis,
        decision_number: d.decisionNumber,
        decision_date: d.decisionDate,
        decision_body: d.decisionBody,
        reason: `${d.ground}: ${d.reason}`,
        decided_by: ctx.actor.username,
      })
      .execute();
    detail = { ground: d.ground, reason: d.reason, decisionNumber: d.decisionNumber };
  }
  const changes: Updateable<OmResourcesTable> = { status: rule.to, status_changed_at: sql`now()` as never };
  if (action === 'approve') changes.approved_at = now;
  if (action === 'restore') changes.next_check_at = null;
  const updated = await repo.updateResourceAt(tx, r.id, r.version, changes);
  if (!updated) throw new AppError('conflict', 'The resource was changed by someone else');
  await repo.insertEvent(tx, {
    resource_id: r.id,
    shop_id: r.shop_id,
    kind: action,
    from_status: r.status,
    to_status: rule.to,
    actor: ctx.actor.username,
    detail,
  });
  await recordAudit(tx, ctx, {
    action: `om_resource.${action}`,
    resourceType: 'om_resource',
    resourceId: r.id,
    details: { from: r.status, to: rule.to, ...detail },
  });
  if (action === 'approve' || action === 'restore') await scheduleFeedRegeneration(p, tx);
  return updated;
}

/** One workflow step on one resource, in its own transaction. */
export function transition(p: Platform, ctx: RequestContext, id: string, action: Action, input: TransitionInput): Promise<ResourceRow> {
  requirePermission(ctx.actor, TRANSITIONS[action].permission);
  return p.db.transaction().execute((tx) => transitionIn(p, tx, ctx, id, action, input));
}

export type BulkItem = { id: string; version: number };
export type BulkOutcome = {
  id: string;
  ok: boolean;
  status: ResourceStatus | null;
  version: number | null;
  error: string | null;
  code: string | null;
};

/** The same step on many resources (one decision for all when approving); per-item outcomes. */
export async function bulkTransition(
  p: Platform,
  ctx: RequestContext,
  action: Action,
  items: readonly BulkItem[],
  shared: Omit<TransitionInput, 'version'>,
): Promise<BulkOutcome[]> {
  requirePermission(ctx.actor, TRANSITIONS[action].permission);
  const out: BulkOutcome[] = [];
  for (const it of items) {
    try {
      const r = await transition(p, ctx, it.id, action, { ...shared, version: it.version });
      out.push({ id: it.id, ok: true, status: r.status, version: r.version, error: null, code: null });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      if (e.code === 'validation_failed' && e.errors?.some((x) => x.path.startsWith('body.decision') || x.path.startsWith('body.restore')))
        throw e;
      out.push({ id: it.id, ok: false, status: null, version: null, error: e.message, code: e.errors?.[0]?.code ?? e.code });
    }
  }
  return out;
}

/** Whether the caller may do the action now (for the presenter's abilities). */
export function canDo(ctx: RequestContext, r: Pick<ResourceRow, 'status'>, action: Action): boolean {
  const rule = TRANSITIONS[action];
  return ctx.actor.permissions.has(rule.permission) && rule.from.includes(r.status);
}
