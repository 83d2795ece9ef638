import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Executor, Tx as DbTx } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import * as repo from './cases.repository.ts';
import { fromJson } from './cases.repository.ts';
import {
  presentCaseDetail,
  presentCaseSummary,
  presentComment,
  presentDisposition,
  presentReportRef,
  type CaseAccount,
} from './cases.presenter.ts';
import type { CaseQuery, CreateCaseInput, Disposition, DispositionInput, MergeAlertsInput, UpdateCaseInput } from './cases.schema.ts';
import { buildNetwork } from './network.service.ts';
import { liveScorer } from './payments.live.ts';
import { alertAccountKey, presentAlert } from './payments.presenter.ts';
import { findAlert, updateAlert, type AlertRow } from './payments.repository.ts';
import { requireNational } from './payments.service.ts';

/** Hops of the network a case keeps around its accounts. */
export const CASE_NETWORK_HOPS = 2;

const ALERT_STATUS: Record<Disposition, string> = { false_positive: 'false_positive', escalate: 'escalated', confirmed: 'confirmed' };
// a case stays escalated after a confirmed disposition: its outputs (FM-1, freeze) follow; it is closed by hand
const CASE_STATUS: Record<Disposition, string> = { false_positive: 'closed', escalate: 'escalated', confirmed: 'escalated' };

const conflict = (what: string, version: number, current: number) =>
  new AppError('conflict', `The ${what} was changed by someone else (your version ${version}, current ${current})`, {
    params: { current },
  });

/** The stored key of an alert's account: the keyed hash for cards, the identifier as stored otherwise. */
export function alertAccount(a: Pick<AlertRow, 'account_hash' | 'account_label'>): CaseAccount {
  return { key: alertAccountKey(a), label: a.account_label };
}

const rulesOfRow = (a: Pick<AlertRow, 'rules'>) => fromJson<string[]>(a.rules);

/** Loads alerts for a merge: all must exist and none may belong to a case already. */
async function alertsForMerge(tx: Executor, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const rows = await repo.alertsByIds(tx, unique);
  if (rows.length !== unique.length) throw notFound('alert');
  const taken = await repo.caseOfAlerts(tx, unique);
  if (taken.length > 0)
    throw new AppError('conflict', `${taken.length} of the alerts already belong to a case`, { params: { caseId: taken[0]!.case_id } });
  return rows;
}

function mergeAccounts(before: readonly CaseAccount[], alerts: readonly AlertRow[]): CaseAccount[] {
  const out = new Map(before.map((a) => [a.key, a]));
  for (const a of alerts) {
    const acc = alertAccount(a);
    if (!out.has(acc.key)) out.set(acc.key, acc);
  }
  return [...out.values()];
}

/** Merges alerts into a new case, with a snapshot of the network around their accounts; audited. */
export async function createCase(p: Platform, ctx: RequestContext, input: CreateCaseInput) {
  requireNational(ctx, 'payments.triage');
  await liveScorer(p).init(); // reads through p.db: before the transaction
  return p.db.transaction().execute(async (tx) => {
    const alerts = await alertsForMerge(tx, input.alertIds);
    const accounts = mergeAccounts([], alerts);
    const network = await buildNetwork(
      p,
      tx,
      accounts.map((a) => a.key),
      { hops: CASE_NETWORK_HOPS },
    );
    const row = await repo.insertCase(tx, {
      code: await repo.nextCaseCode(tx, new Date().getUTCFullYear()),
      title: input.title,
      disposition: null,
      accounts,
      network,
      created_by: ctx.actor.username,
      assignee: ctx.actor.username,
    });
    await repo.linkAlerts(tx, row.id, input.alertIds, ctx.actor.username);
    await recordAudit(tx, ctx, {
      action: 'payment_case.create',
      resourceType: 'payment_case',
      resourceId: row.id,
      details: { code: row.code, alerts: alerts.length, accounts: accounts.length, nodes: network.nodes.length },
    });
    return presentCaseSummary(row);
  });
}

async function lockedCase(tx: DbTx, id: string) {
  const row = await repo.findCase(tx, id);
  if (!row) throw notFound('case');
  return row;
}

/** Merges more alerts into an existing case (send the case version you read); the network is redrawn. */
export async function mergeIntoCase(p: Platform, ctx: RequestContext, id: string, input: MergeAlertsInput) {
  requireNational(ctx, 'payments.triage');
  await liveScorer(p).init(); // reads through p.db: before the transaction
  return p.db.transaction().execute(async (tx) => {
    const before = await lockedCase(tx, id);
    const alerts = await alertsForMerge(tx, input.alertIds);
    const accounts = mergeAccounts(fromJson<CaseAccount[]>(before.accounts), alerts);
    const network = await buildNetwork(
      p,
      tx,
      accounts.map((a) => a.key),
      { hops: CASE_NETWORK_HOPS },
    );
    const row = await repo.updateCase(tx, id, input.version, { accounts, network });
    if (!row) throw conflict('case', input.version, before.version);
    await repo.linkAlerts(tx, id, input.alertIds, ctx.actor.username);
    await recordAudit(tx, ctx, {
      action: 'payment_case.merge',
      resourceType: 'payment_case',
      resourceId: id,
      details: { version: row.version, added: alerts.length, accounts: accounts.length },
    });
    return presentCaseSummary(row);
  });
}

/** Assigns, renames, closes or reopens a case (optimistic locking); audited. */
export async function updateCase(p: Platform, ctx: RequestContext, id: string, input: UpdateCaseInput) {
  requireNational(ctx, 'payments.triage');
  const { version, ...changes } = input;
  return p.db.transaction().execute(async (tx) => {
    const before = await lockedCase(tx, id);
    const row = await repo.updateCase(tx, id, version, changes);
    if (!row) throw conflict('case', version, before.version);
    await recordAudit(tx, ctx, {
      action: 'payment_case.update',
      resourceType: 'payment_case',
      resourceId: id,
      details: { version: row.version, assignee: row.assignee, status: { from: before.status, to: row.status } },
    });
    return presentCaseSummary(row);
  });
}

export async function listCases(p: Platform, ctx: RequestContext, q: CaseQuery) {
  requireNational(ctx, 'payments.read');
  const { rows, total } = await repo.findCases(p.db, q);
  return { items: rows.map(presentCaseSummary), total, page: q.page, pageSize: q.pageSize };
}

/** The case with its alerts, comments, dispositions, reports and network snapshot (audited read). */
export async function getCase(p: Platform, ctx: RequestContext, id: string) {
  requireNational(ctx, 'payments.read');
  return p.db.transaction().execute(async (tx) => {
    const row = await lockedCase(tx, id);
    const [alerts, comments, dispositions, reports] = await Promise.all([
      repo.alertsOfCase(tx, id),
      repo.commentsOf(tx, { caseId: id }),
      repo.dispositionsOf(tx, { caseId: id }),
      repo.reportsOf(tx, id),
    ]);
    await recordAudit(tx, ctx, { action: 'payment_case.read', resourceType: 'payment_case', resourceId: id });
    return presentCaseDetail(
      row,
      {
        alerts: alerts.map((a) => presentAlert(a, ctx.actor)),
        comments: comments.map(presentComment),
        dispositions: dispositions.map(presentDisposition),
        reports: reports.map(presentReportRef),
      },
      ctx.actor,
    );
  });
}

/** A comment on an alert or a case (the text is kept; the audit entry records only its length). */
export async function addComment(p: Platform, ctx: RequestContext, on: { alertId: string } | { caseId: string }, body: string) {
  requireNational(ctx, 'payments.triage');
  return p.db.transaction().execute(async (tx) => {
    const isAlert = 'alertId' in on;
    const id = isAlert ? on.alertId : on.caseId;
    if (isAlert ? !(await findAlert(tx, id)) : !(await repo.findCase(tx, id))) throw notFound(isAlert ? 'alert' : 'case');
    const row = await repo.insertComment(tx, {
      alert_id: isAlert ? id : null,
      case_id: isAlert ? null : id,
      body,
      author: ctx.actor.username,
    });
    await recordAudit(tx, ctx, {
      action: isAlert ? 'payment_alert.comment' : 'payment_case.comment',
      resourceType: isAlert ? 'payment_alert' : 'payment_case',
      resourceId: id,
      details: { commentId: row.id, length: body.length },
    });
    return presentComment(row);
  });
}

/** Comments and disposition history of one alert (audited read). */
export async function alertHistory(p: Platform, ctx: RequestContext, id: string) {
  requireNational(ctx, 'payments.read');
  return p.db.transaction().execute(async (tx) => {
    if (!(await findAlert(tx, id))) throw notFound('alert');
    const [comments, dispositions] = await Promise.all([repo.commentsOf(tx, { alertId: id }), repo.dispositionsOf(tx, { alertId: id })]);
    await recordAudit(tx, ctx, {
      action: 'payment_alert.read',
      resourceType: 'payment_alert',
      resourceId: id,
      details: { part: 'history' },
    });
    return { items: comments.map(presentComment), dispositions: dispositions.map(presentDisposition) };
  });
}

/** Disposition of one alert with a reason (optimistic locking on the alert); feeds rule precision. */
export async function disposeAlert(p: Platform, ctx: RequestContext, id: string, input: DispositionInput) {
  requireNational(ctx, 'payments.triage');
  return p.db.transaction().execute(async (tx) => {
    const before = await findAlert(tx, id);
    if (!before) throw notFound('alert');
    const row = await updateAlert(tx, id, input.version, { status: ALERT_STATUS[input.disposition] });
    if (!row) throw conflict('alert', input.version, before.version);
    const [d] = await repo.insertDispositions(tx, [
      {
        alert_id: id,
        case_id: null,
        disposition: input.disposition,
        reason: input.reason,
        rules: rulesOfRow(row),
        decided_by: ctx.actor.username,
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'payment_alert.dispose',
      resourceType: 'payment_alert',
      resourceId: id,
      details: { disposition: input.disposition, version: row.version, status: { from: before.status, to: row.status } },
    });
    return { alert: presentAlert(row, ctx.actor), disposition: presentDisposition(d!) };
  });
}

/**
 * Disposition of a case (optimistic locking on the case): recorded for the case and for each of its
 * alerts, whose status follows; audited.
 */
export async function disposeCase(p: Platform, ctx: RequestContext, id: string, input: DispositionInput) {
  requireNational(ctx, 'payments.triage');
  return p.db.transaction().execute(async (tx) => {
    const before = await lockedCase(tx, id);
    const row = await repo.updateCase(tx, id, input.version, { disposition: input.disposition, status: CASE_STATUS[input.disposition] });
    if (!row) throw conflict('case', input.version, before.version);
    const alerts = await repo.alertsOfCase(tx, id);
    for (const a of alerts) await updateAlert(tx, a.id, a.version, { status: ALERT_STATUS[input.disposition] });
    const rows = await repo.insertDispositions(tx, [
      { alert_id: null, case_id: id, disposition: input.disposition, reason: input.reason, rules: [], decided_by: ctx.actor.username },
      ...alerts.map((a) => ({
        alert_id: a.id,
        case_id: id,
        disposition: input.disposition,
        reason: input.reason,
        rules: rulesOfRow(a),
        decided_by: ctx.actor.username,
      })),
    ]);
    await recordAudit(tx, ctx, {
      action: 'payment_case.dispose',
      resourceType: 'payment_case',
      resourceId: id,
      details: {
        disposition: input.disposition,
        version: row.version,
        alerts: alerts.length,
        status: { from: before.status, to: row.status },
      },
    });
    return { case: presentCaseSummary(row), dispositions: rows.map(presentDisposition) };
  });
}
