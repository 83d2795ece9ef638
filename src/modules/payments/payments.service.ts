import { randomUUID } from 'node:crypto';
import { requirePermission } from '../../kernel/access/actor.ts';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { insertPendingAudit, pendingAuditRow } from '../../kernel/audit/pending.ts';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Tx as DbTx } from '../../kernel/db/database.ts';
import type { Platform } from '../../kernel/platform.ts';
import { channelName, isoTimestamp } from './engine/csv.ts';
import { CASH, maskAccount, type Tx } from './engine/types.ts';
import { displayIdentifier, lastFour, type IdentifierCodec } from './payments.identifiers.ts';
import { announceChange, decidedAccount, isIssue, liveScorer, rebuildLiveScorer, txFromInput } from './payments.live.ts';
import { presentAlert, presentWatchEntry } from './payments.presenter.ts';
import * as repo from './payments.repository.ts';
import type {
  AccountLinkInput,
  AlertQuery,
  DecisionView,
  ScoreView,
  TriageInput,
  TxBatch,
  TxInput,
  TxOutcome,
  WatchInput,
  WatchQuery,
} from './payments.schema.ts';

/** A stored row of a validated transaction: card numbers as keyed hash + last four. */
export function toRow(tx: Tx, codec: IdentifierCodec, source: string, batchId: string): repo.TxInsert {
  const payer = codec.stored(tx.payer);
  const payee = tx.payee === CASH ? { value: CASH, last4: null } : codec.stored(tx.payee);
  return {
    tx_id: tx.id,
    ts: isoTimestamp(tx.ts),
    payer: payer.value,
    payer_last4: payer.last4,
    payee: payee.value,
    payee_last4: payee.last4,
    amount: String(tx.amount),
    currency: tx.currency,
    channel: channelName(tx.channel),
    payer_bank: tx.payerBank,
    payee_bank: tx.payeeBank,
    source,
    batch_id: batchId,
  };
}

/** FIU data is national: regional callers (or regional tokens) never see it, whatever they hold. */
export function requireNational(ctx: RequestContext, permission: string): void {
  requirePermission(ctx.actor, permission);
  if (ctx.actor.regionCode !== null) throw new AppError('forbidden', 'Payments intelligence is national (FIU) data');
}

const sourceOf = (ctx: RequestContext, given?: string) => given ?? ctx.actor.organisationCode ?? ctx.actor.username;

/** A batch from a bank: idempotent by tx_id, one outcome per item, stored and audited in one transaction. */
export async function ingestBatch(p: Platform, ctx: RequestContext, batch: TxBatch) {
  requirePermission(ctx.actor, 'payments.ingest');
  const live = liveScorer(p);
  await live.init();
  const batchId = randomUUID();
  const source = sourceOf(ctx, batch.source);
  const items: TxOutcome[] = [];
  const valid: Tx[] = [];
  const seen = new Set<string>();
  for (const t of batch.transactions) {
    const r = txFromInput(t);
    if (isIssue(r)) items.push({ txId: t.txId, status: 'rejected', error: r.message });
    else if (seen.has(r.id)) items.push({ txId: t.txId, status: 'duplicate' });
    else {
      seen.add(r.id);
      items.push({ txId: t.txId, status: 'accepted' });
      valid.push(r);
    }
  }
  const inserted = await p.db.transaction().execute(async (tx) => {
    const ids = await repo.insertTransactions(
      tx,
      valid.map((v) => toRow(v, live.codec, source, batchId)),
    );
    const rejected = items.filter((i) => i.status === 'rejected').length;
    const counts = { accepted: ids.size, duplicates: items.length - rejected - ids.size, rejected };
    await recordAudit(tx, ctx, {
      action: 'payment_tx.ingest',
      resourceType: 'payment_batch',
      resourceId: batchId,
      details: { source, ...counts },
    });
    return ids;
  });
  for (const v of valid) if (inserted.has(v.id)) live.apply(v);
  for (const it of items) if (it.status === 'accepted' && !inserted.has(it.txId.trim())) it.status = 'duplicate';
  const n = (s: TxOutcome['status']) => items.filter((i) => i.status === s).length;
  return { batchId, accepted: n('accepted'), duplicates: n('duplicate'), rejected: n('rejected'), items };
}

/** Rule ids an engine result cites ([] when the engine reports none). */
export function rulesOf(r: object): string[] {
  const v: unknown = (r as { rules?: unknown }).rules;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** One real-time decision: apply the transaction to the live engine, answer the payee's score. */
export async function decide(p: Platform, ctx: RequestContext, input: TxInput): Promise<DecisionView> {
  requirePermission(ctx.actor, 'payments.decide');
  const live = liveScorer(p);
  await live.init();
  const tx = txFromInput(input);
  if (isIssue(tx))
    return {
      txId: input.txId,
      status: 'rejected',
      error: tx.message,
      account: input.payeeAccount,
      isKnown: false,
      score: 0,
      flag: false,
      role: null,
      reasons: [],
      alertId: null,
    };
  const isNew = live.apply(tx);
  const account = decidedAccount(tx);
  const r = live.score(account) ?? { score: 0, flag: false, role: null, reasons: [] };
  const auditEvent = (alertId: string | null, details: { isDuplicate?: boolean }) => ({
    action: 'payment.decide' as const,
    resourceType: 'payment_tx',
    resourceId: tx.id,
    details: { account: maskAccount(account), score: r.score, flag: r.flag, alertId, ...details },
  });
  const row = toRow(tx, live.codec, sourceOf(ctx), `decide-${ctx.requestId}`);
  let alertId: string | null = null;
  // The audit entry is deferred (sealed into the chain within a second) so that decisions do not queue on
  // the chain lock; an unflagged decision is one statement, a flagged one a transaction with its alert.
  if (!r.flag) {
    // the statement adds `isDuplicate`: known to the engine already, or the row was already stored
    await repo.insertDecision(p.db, row, pendingAuditRow(ctx, auditEvent(null, {})), !isNew);
  } else {
    alertId = await p.db.transaction().execute(async (dbTx) => {
      const stored = await repo.insertTransactions(dbTx, [row]);
      const key = live.codec.stored(account);
      const alert = await repo.upsertActiveAlert(dbTx, {
        account_hash: live.codec.hashOf(account),
        account_label: displayIdentifier(key.value, key.last4),
        score: r.score,
        role: r.role,
        reasons: r.reasons,
        rules: rulesOf(r),
        assignee: null,
      });
      await insertPendingAudit(dbTx, ctx, auditEvent(alert.id, { isDuplicate: !isNew || stored.size === 0 }));
      return alert.id;
    });
  }
  p.audit.schedule();
  return {
    txId: tx.id,
    status: isNew ? 'accepted' : 'duplicate',
    account: input.payeeAccount === CASH ? input.payerAccount : input.payeeAccount,
    isKnown: true,
    ...r,
    alertId,
  };
}

/** This process's live engine and graph pass, in figures (no account in them; national readers only). */
export function engineStatus(p: Platform, ctx: RequestContext) {
  requireNational(ctx, 'payments.read');
  const live = liveScorer(p);
  const stats = live.engine.stats();
  const last = live.graphPass;
  return {
    ready: live.isReady,
    ruleSetVersion: live.engine.ruleSetVersion,
    replayed: live.replayed,
    accounts: stats.accounts,
    activeWindows: stats.activeWindows,
    processed: stats.processed,
    graphPass: {
      intervalSeconds: live.graphIntervalMs === null ? null : live.graphIntervalMs / 1000,
      last: last && { ...last, at: last.at.toISOString(), ms: Math.round(last.ms) },
    },
  };
}

/** An account's current live score (an audited read of national FIU data). */
export async function accountScore(p: Platform, ctx: RequestContext, account: string): Promise<ScoreView> {
  requireNational(ctx, 'payments.read');
  const live = liveScorer(p);
  await live.init();
  const r = live.score(account);
  await p.db.transaction().execute((tx) =>
    recordAudit(tx, ctx, {
      action: 'payment_account.read',
      resourceType: 'payment_account',
      resourceId: maskAccount(account),
      details: { score: r?.score ?? null },
    }),
  );
  return r ? { ...r, isKnown: true } : { account, isKnown: false, score: 0, flag: false, role: null, reasons: [] };
}

export async function listAlerts(p: Platform, ctx: RequestContext, q: AlertQuery) {
  requireNational(ctx, 'payments.read');
  const { rows, total } = await repo.findAlerts(p.db, q);
  return { items: rows.map((r) => presentAlert(r, ctx.actor)), total, page: q.page, pageSize: q.pageSize };
}

/** The watchlist, page by page (identifiers as last four characters only); national FIU data. */
export async function listWatchEntries(p: Platform, ctx: RequestContext, q: WatchQuery) {
  requireNational(ctx, 'payments.read');
  const { rows, total } = await repo.findWatchEntries(p.db, q);
  return { items: rows.map(presentWatchEntry), total, page: q.page, pageSize: q.pageSize };
}

export async function getAlert(p: Platform, ctx: RequestContext, id: string) {
  requireNational(ctx, 'payments.read');
  return p.db.transaction().execute(async (tx) => {
    const row = await repo.findAlert(tx, id);
    if (!row) throw notFound('alert');
    await recordAudit(tx, ctx, { action: 'payment_alert.read', resourceType: 'payment_alert', resourceId: id });
    return presentAlert(row, ctx.actor);
  });
}

/** Triage with optimistic locking: a stale `version` answers 409, never a lost update. */
export async function triageAlert(p: Platform, ctx: RequestContext, id: string, input: TriageInput) {
  requireNational(ctx, 'payments.triage');
  const { version, ...changes } = input;
  return p.db.transaction().execute(async (tx) => {
    const before = await repo.findAlert(tx, id);
    if (!before) throw notFound('alert');
    const status = changes.status ?? (changes.assignee ? 'assigned' : undefined);
    const row = await repo.updateAlert(tx, id, version, {
      ...(status !== undefined ? { status } : {}),
      ...(changes.assignee !== undefined ? { assignee: changes.assignee } : {}),
      ...(changes.note !== undefined ? { note: changes.note } : {}),
    });
    if (!row)
      throw new AppError('conflict', `The alert was changed by someone else (your version ${version}, current ${before.version})`, {
        params: { current: before.version },
      });
    await recordAudit(tx, ctx, {
      action: 'payment_alert.triage',
      resourceType: 'payment_alert',
      resourceId: id,
      details: { version: row.version, status: { from: before.status, to: row.status }, assignee: row.assignee },
    });
    return presentAlert(row, ctx.actor);
  });
}

/** Adds watchlist entries (keyed hash + last four); the live engine learns them at once. */
export async function addWatchEntries(p: Platform, ctx: RequestContext, inputs: readonly WatchInput[]) {
  requireNational(ctx, 'payments.watchlist');
  const rows = await p.db.transaction().execute((tx) => insertWatchEntries(p, tx, ctx, inputs));
  return { added: rows.length, skipped: inputs.length - rows.length, items: rows.map(presentWatchEntry) };
}

/**
 * Adds watchlist entries inside the caller's transaction (other modules call this through the public
 * surface, e.g. online markets publishing the payment details found in a drug ad). Entries already on
 * the list are skipped; the live engine learns them at once. The caller has checked its own permission.
 */
export async function insertWatchEntries(p: Platform, tx: DbTx, ctx: RequestContext, inputs: readonly WatchInput[]) {
  const live = liveScorer(p);
  await live.init(tx);
  const out = await repo.insertWatchEntries(
    tx,
    inputs.map((w) => ({
      identifier_hash: live.codec.hashOf(w.identifier),
      identifier_last4: lastFour(w.identifier),
      type: w.type,
      source: w.source,
      provenance: w.provenance,
      confidence: w.confidence,
      shop_ref: w.shopRef,
      evidence_ref: w.evidenceRef,
      created_by: ctx.actor.username,
    })),
  );
  await recordAudit(tx, ctx, {
    action: 'payment_watchlist.add',
    resourceType: 'payment_watchlist',
    resourceId: out[0]?.id ?? null,
    details: { added: out.length, skipped: inputs.length - out.length, sources: [...new Set(inputs.map((i) => i.source))] },
  });
  if (out.length > 0) await announceChange(p, tx, { kind: 'watchlist', ids: out.map((r) => r.id) });
  for (const w of inputs) live.addWatch({ identifier: live.codec.engineId(w.identifier), type: w.type, source: w.source });
  return out;
}

/**
 * Loads a bank's KYC link feed (account → holder). Accounts and holders are stored as keyed hashes; a
 * later feed moves an account to its new holder. The live engine is rebuilt with the links (the stored
 * transactions replayed) before this returns, while decisions go on with the current one; linked accounts
 * are scored as one from then on.
 */
export async function importAccountLinks(p: Platform, ctx: RequestContext, inputs: readonly AccountLinkInput[], source: string) {
  requireNational(ctx, 'payments.watchlist');
  const live = liveScorer(p);
  const byAccount = new Map<string, { account_hash: string; account_last4: string; holder_hash: string }>();
  for (const l of inputs) {
    const accountHash = live.codec.hashOf(l.account);
    byAccount.set(accountHash, {
      account_hash: accountHash,
      account_last4: lastFour(l.account),
      holder_hash: p.secrets.keyedHash(l.holder, HOLDER_PURPOSE),
    });
  }
  const rows = [...byAccount.values()].map((r) => ({ ...r, source, created_by: ctx.actor.username }));
  const holders = new Set(rows.map((r) => r.holder_hash)).size;
  await p.db.transaction().execute(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) await repo.upsertAccountLinks(tx, rows.slice(i, i + 1000));
    await recordAudit(tx, ctx, {
      action: 'payment_links.import',
      resourceType: 'payment_account_links',
      resourceId: null,
      details: { accounts: rows.length, holders, repeated: inputs.length - rows.length, source },
    });
    await announceChange(p, tx, { kind: 'links' });
  });
  await rebuildLiveScorer(p);
  return { accounts: rows.length, holders, repeated: inputs.length - rows.length };
}

const HOLDER_PURPOSE = 'payment-holder';
