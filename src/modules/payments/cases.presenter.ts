import { can, type Actor } from '../../kernel/access/actor.ts';
import type { CaseRow, ReportRow } from './cases.repository.ts';
import { fromJson } from './cases.repository.ts';
import type { CaseDetailView, Disposition, ReportView } from './cases.schema.ts';
import type { NetworkView } from './network.schema.ts';

const iso = (d: unknown) => new Date(d as string).toISOString();

/** An account of a case: stored key (keyed hash for cards) and what people see. */
export type CaseAccount = { key: string; label: string };

type Timestamped = { created_at: unknown };
type CommentRow = Timestamped & { id: string; body: string; author: string };
type DispositionRow = {
  id: string;
  alert_id: string | null;
  case_id: string | null;
  disposition: string;
  reason: string;
  rules: unknown;
  decided_by: string;
  decided_at: unknown;
};

export function presentComment(r: CommentRow) {
  return { id: r.id, body: r.body, author: r.author, createdAt: iso(r.created_at) };
}

export function presentDisposition(r: DispositionRow) {
  return {
    id: r.id,
    alertId: r.alert_id,
    caseId: r.case_id,
    disposition: r.disposition as Disposition,
    reason: r.reason,
    rules: fromJson<string[]>(r.rules),
    decidedBy: r.decided_by,
    decidedAt: iso(r.decided_at),
  };
}

export function presentCaseSummary(r: CaseRow) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    status: r.status as CaseDetailView['status'],
    disposition: r.disposition as Disposition | null,
    accounts: fromJson<CaseAccount[]>(r.accounts).map((a) => a.label),
    assignee: r.assignee,
    createdBy: r.created_by,
    version: r.version,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The case page; abilities tell the web app which actions to offer. */
export function presentCaseDetail(
  r: CaseRow,
  parts: Pick<CaseDetailView, 'alerts' | 'comments' | 'dispositions' | 'reports'>,
  actor: Actor,
): CaseDetailView {
  const network = fromJson<Partial<NetworkView>>(r.network);
  const canTriage = can(actor, 'payments.triage') && actor.regionCode === null;
  return {
    ...presentCaseSummary(r),
    ...parts,
    network: network.nodes ? (network as NetworkView) : null,
    abilities: { canTriage, canReport: canTriage && r.disposition !== 'false_positive' },
  };
}

export function presentReportRef(r: { id: string; kind: string; created_by: string; created_at: unknown }) {
  return { id: r.id, kind: r.kind as 'fm1' | 'freeze', createdBy: r.created_by, createdAt: iso(r.created_at) };
}

export function presentReport(r: ReportRow): ReportView {
  return { ...presentReportRef(r), caseId: r.case_id, body: fromJson<Record<string, unknown>>(r.body) };
}
