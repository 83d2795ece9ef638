import { can, type Actor } from '../../kernel/access/actor.ts';
import { displayIdentifier } from './payments.identifiers.ts';
import type { AlertRow } from './payments.repository.ts';
import type { PayWatchlistTable } from './payments.repository.ts';
import type { AlertView } from './payments.schema.ts';
import type { Selectable } from 'kysely';

const iso = (d: unknown) => new Date(d as string).toISOString();

export function presentAlert(r: AlertRow, actor: Actor): AlertView {
  return {
    id: r.id,
    account: r.account_label,
    score: Number(r.score),
    role: r.role,
    reasons: r.reasons,
    status: r.status as AlertView['status'],
    assignee: r.assignee,
    note: r.note,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    abilities: { canTriage: can(actor, 'payments.triage') && actor.regionCode === null },
  };
}

export function presentWatchEntry(r: Selectable<PayWatchlistTable>) {
  return {
    id: r.id,
    identifier: displayIdentifier('', r.identifier_last4),
    type: r.type,
    source: r.source,
    provenance: r.provenance,
    confidence: Number(r.confidence),
    shopRef: r.shop_ref,
    evidenceRef: r.evidence_ref,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}
