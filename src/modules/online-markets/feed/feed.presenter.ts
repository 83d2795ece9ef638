import type { ChangeRow, DecisionSummaryRow, EntryView, SignatureRow } from './feed.repository.ts';
import type { FeedItem } from './formats.ts';
import type { FeedChangeView, FeedVersionView } from './feed.schema.ts';
import type { FeedVersionRow } from './tables.ts';

/** A stored entry as the formats see it. */
export function toItem(e: EntryView): FeedItem {
  return {
    kind: e.kind,
    value: e.value,
    legalBasis: e.legal_basis,
    decisionNumber: e.decision_number,
    decisionDate: e.decision_date,
    decisionBody: e.decision_body,
    addedInVersion: e.added_in_version,
  };
}

/** One version of the history, with its formats' digests and the decisions behind it. */
export function presentVersion(v: FeedVersionRow, signatures: SignatureRow[], decisions: DecisionSummaryRow[]): FeedVersionView {
  return {
    version: v.version,
    previousVersion: v.previous_version,
    createdAt: new Date(v.created_at).toISOString(),
    entryCount: v.entry_count,
    addedCount: v.added_count,
    removedCount: v.removed_count,
    keyId: v.key_id,
    formats: signatures.filter((s) => s.version === v.version).map((s) => ({ format: s.format, sha256: s.sha256, bytes: s.bytes })),
    decisions: decisions
      .filter((d) => d.version === v.version)
      .map((d) => ({ change: d.change, action: d.action, decidedBy: d.decidedBy, decisionNumber: d.decisionNumber, count: Number(d.n) })),
  };
}

/** An entry added or removed in a version. */
export function presentChange(c: ChangeRow): FeedChangeView {
  return {
    resourceId: c.resource_id,
    value: c.value,
    kind: c.kind,
    legalBasis: c.legal_basis,
    decisionNumber: c.decision_number,
    decisionDate: c.decision_date,
    decisionBody: c.decision_body,
    decidedBy: c.decidedBy,
    restore:
      c.restoreNumber !== null ? { decisionNumber: c.restoreNumber, reason: c.restoreReason ?? '', decidedBy: c.restoredBy ?? '' } : null,
  };
}
