import type { Selectable } from 'kysely';
import type { RequestContext } from '../../../kernel/http/types.ts';
import { canDo } from './review.service.ts';
import type { OmEventsTable, ResourceRow } from './tables.ts';

const iso = (d: Date | string | null): string => (d === null ? '' : new Date(d).toISOString());
const day = (d: Date | string): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A resource for the queue and lists, with the caller's abilities on it. */
export function presentResource(r: ResourceRow, shopCode: string | null, ctx: RequestContext) {
  return {
    id: r.id,
    kind: r.kind,
    locator: r.locator,
    telegramId: r.telegram_id === null ? null : String(r.telegram_id),
    title: r.title,
    label: r.label,
    score: r.score,
    reasons: r.reasons,
    status: r.status,
    shopId: r.shop_id,
    shopCode,
    isMirror: r.is_mirror,
    regionCode: r.region_code,
    sourceCount: r.source_count,
    firstSeenAt: iso(r.first_seen_at),
    statusChangedAt: iso(r.status_changed_at),
    captureError: r.capture_error,
    version: r.version,
    can: {
      take: canDo(ctx, r, 'take'),
      dismiss: canDo(ctx, r, 'dismiss'),
      reopen: canDo(ctx, r, 'reopen'),
      approve: canDo(ctx, r, 'approve'),
      restore: canDo(ctx, r, 'restore'),
    },
  };
}

/** Indicator for people: card hashes never leave the server, only the last four digits. */
export function presentIndicator(i: { type: string; value: string; last4: string | null }) {
  return { type: i.type, value: i.type === 'card' ? `•••• ${i.last4 ?? '????'}` : i.value };
}

export function presentEvent(e: Selectable<OmEventsTable>) {
  return {
    id: String(e.id),
    resourceId: e.resource_id,
    shopId: e.shop_id,
    kind: e.kind,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actor: e.actor,
    detail: e.detail,
    at: iso(e.at),
  };
}

export function presentDecision(d: {
  action: string;
  legal_basis: string;
  decision_number: string;
  decision_date: string | Date;
  decision_body: string;
  reason: string;
  decided_by: string;
  decided_at: Date | string;
}) {
  return {
    action: d.action,
    legalBasis: d.legal_basis,
    decisionNumber: d.decision_number,
    decisionDate: day(d.decision_date),
    decisionBody: d.decision_body,
    reason: d.reason,
    decidedBy: d.decided_by,
    decidedAt: iso(d.decided_at),
  };
}

export function presentCheck(c: { checked_at: Date | string; reachable: boolean; http_status: number | null; error: string | null }) {
  return { checkedAt: iso(c.checked_at), reachable: c.reachable, httpStatus: c.http_status, error: c.error };
}
