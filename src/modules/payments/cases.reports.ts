import { recordAudit } from '../../kernel/audit/audit.ts';
import type { Tx as DbTx } from '../../kernel/db/database.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import * as repo from './cases.repository.ts';
import { fromJson } from './cases.repository.ts';
import { presentReport, type CaseAccount } from './cases.presenter.ts';
import type { ReportRequest } from './cases.schema.ts';
import { alertAccount } from './cases.service.ts';
import { buildFm1, fm1Csv, fm1Html, type CaseFacts, type Fm1Report } from './fm1.ts';
import { buildFreeze, freezeCsv, freezeHtml, type FreezeReport } from './freeze.ts';
import { transactionsTouching } from './network.repository.ts';
import { requireNational } from './payments.service.ts';

/** Operations a report reads per case at most (the FM-1 keeps the largest of them, see its data file). */
const MAX_CASE_OPERATIONS = 5_000;

async function caseFacts(tx: DbTx, ctx: RequestContext, row: repo.CaseRow): Promise<CaseFacts> {
  const accounts = fromJson<CaseAccount[]>(row.accounts);
  const [alerts, dispositions, operations] = await Promise.all([
    repo.alertsOfCase(tx, row.id),
    repo.dispositionsOf(tx, { caseId: row.id }),
    transactionsTouching(
      tx,
      accounts.map((a) => a.key),
      MAX_CASE_OPERATIONS,
    ),
  ]);
  return {
    caseId: row.id,
    code: row.code,
    title: row.title,
    reportingEntity: ctx.actor.organisationCode ?? 'AFM',
    subjects: accounts.map((a) => {
      const mine = alerts.filter((x) => alertAccount(x).key === a.key);
      return {
        key: a.key,
        label: a.label,
        role: mine[0]?.role ?? null,
        score: Math.max(0, ...mine.map((x) => Number(x.score))),
        rules: mine.flatMap((x) => fromJson<string[]>(x.rules)),
        reasons: mine.flatMap((x) => fromJson<string[]>(x.reasons)),
      };
    }),
    reasons: dispositions.filter((d) => d.alert_id === null).map((d) => `${d.disposition}: ${d.reason}`),
    operations,
  };
}

/**
 * Generates an output of a case — an FM-1-structured suspicious-transaction report or a hold/freeze
 * recommendation — stores it with the case and audits it. Not for cases closed as false positive.
 */
export async function generateReport(p: Platform, ctx: RequestContext, caseId: string, req: ReportRequest) {
  requireNational(ctx, 'payments.triage');
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.findCase(tx, caseId);
    if (!row) throw notFound('case');
    if (row.disposition === 'false_positive') throw new AppError('conflict', 'The case was closed as a false positive');
    const facts = await caseFacts(tx, ctx, row);
    const now = new Date();
    const n = (await repo.reportsOf(tx, caseId)).filter((r) => r.kind === req.kind).length + 1;
    const body =
      req.kind === 'fm1'
        ? buildFm1(facts, `${row.code}-FM1-${n}`, now)
        : buildFreeze(facts, {
            ...(req.bank ? { bank: req.bank } : {}),
            ...(req.deadlineHours ? { deadlineHours: req.deadlineHours } : {}),
            issuedBy: ctx.actor.username,
            now,
          });
    const stored = await repo.insertReport(tx, { case_id: caseId, kind: req.kind, body, created_by: ctx.actor.username });
    await recordAudit(tx, ctx, {
      action: 'payment_case.report',
      resourceType: 'payment_case',
      resourceId: caseId,
      details: { reportId: stored.id, kind: req.kind, accounts: facts.subjects.length, operations: facts.operations.length },
    });
    return presentReport(stored);
  });
}

async function readReport(p: Platform, ctx: RequestContext, id: string, format: string) {
  requireNational(ctx, 'payments.read');
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.findReport(tx, id);
    if (!row) throw notFound('report');
    await recordAudit(tx, ctx, { action: 'payment_report.read', resourceType: 'payment_report', resourceId: id, details: { format } });
    return row;
  });
}

/** One stored output (audited read). */
export async function getReport(p: Platform, ctx: RequestContext, id: string) {
  return presentReport(await readReport(p, ctx, id, 'json'));
}

/** A stored output as a printable HTML page or CSV (audited read). */
export async function printableReport(p: Platform, ctx: RequestContext, id: string, format: 'html' | 'csv') {
  const row = await readReport(p, ctx, id, format);
  const body = fromJson<Fm1Report & FreezeReport>(row.body);
  const text =
    row.kind === 'fm1' ? (format === 'html' ? fm1Html(body) : fm1Csv(body)) : format === 'html' ? freezeHtml(body) : freezeCsv(body);
  return { text, contentType: format === 'html' ? 'text/html; charset=utf-8' : 'text/csv; charset=utf-8' };
}
