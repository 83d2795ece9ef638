import { can, type Actor } from '../../kernel/access/actor.ts';
import { displayIdentifier } from './payments.identifiers.ts';
import type { AlertRow } from './payments.repository.ts';
import type { PayWatchlistTable } from './payments.repository.ts';
import type { AlertView } from './payments.schema.ts';
import type { Selectable } from 'kysely';

const iso = (d: unknown) => new Date(d as string).toISOString();

/** The stored key of an alert's account (keyed hash for cards, the identifier as stored otherwise): what the network view takes. */
export function alertAccountKey(r: Pick<AlertRow, 'account_hash' | 'account_label'>): string {
  return r.account_label.startsWith('****') ? r.account_hash : r.account_label;
}

export function presentAlert(r: AlertRow, actor: Actor): AlertView {
  return {
    id: r.id,
    account: r.account_label,
    accountKey: alertAccountKey(r),
    score: Number(r.score),
    role: r.role,
    reasons: r.reasons,
    rules: typeof r.rules === 'string' ? (JSON.parse(r.rules) as string[]) : r.rules,
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
