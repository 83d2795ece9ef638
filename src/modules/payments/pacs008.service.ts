import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { recordAudit } from '../../kernel/audit/audit.ts';
import { AppError } from '../../kernel/errors.ts';
import type { RequestContext } from '../../kernel/http/types.ts';
import type { Platform } from '../../kernel/platform.ts';
import { requirePermission } from '../../kernel/access/actor.ts';
import type { Tx } from './engine/types.ts';
import { parseTxFields } from './engine/csv.ts';
import { isIssue, liveScorer } from './payments.live.ts';
import { insertTransactions } from './payments.repository.ts';
import { toRow } from './payments.service.ts';
import { Pacs008Error, readPacs008, type PacsRecord } from './pacs008.parser.ts';

/** Rows per INSERT statement (13 parameters a row stays far below PostgreSQL's 65,535). */
const INSERT_ROWS = 1000;

export type PacsOutcome = { txId: string; line: number; status: 'accepted' | 'duplicate' | 'rejected'; error?: string };

/** Validates records with the CSV/API rules; in-file repeats of a tx_id are duplicates. */
class Validator {
  readonly seen = new Set<string>();
  check(r: PacsRecord): { outcome: PacsOutcome; tx: Tx | null } {
    const txId = r.fields[0] || `#${r.index + 1}`;
    const t = parseTxFields(r.fields, r.line);
    if (isIssue(t)) return { outcome: { txId, line: r.line, status: 'rejected', error: t.message }, tx: null };
    if (this.seen.has(t.id)) return { outcome: { txId, line: r.line, status: 'duplicate' }, tx: null };
    this.seen.add(t.id);
    return { outcome: { txId, line: r.line, status: 'accepted' }, tx: t };
  }
}

/** The API's answer to a malformed document: 400 naming line and column, nothing written. */
function malformed(e: Pacs008Error): AppError {
  return new AppError('validation_failed', e.message, {
    errors: [{ path: 'body', message: e.message, code: 'malformed_xml' }],
    params: { line: e.line, column: e.column },
  });
}

const sourceOf = (ctx: RequestContext, given?: string) => given ?? ctx.actor.organisationCode ?? ctx.actor.username;

async function storeChunk(
  p: Platform,
  ctx: RequestContext,
  txs: readonly Tx[],
  source: string,
  batchId: string,
  details: Record<string, unknown>,
) {
  const live = liveScorer(p);
  return p.db.transaction().execute(async (db) => {
    const inserted = new Set<string>();
    for (let i = 0; i < txs.length; i += INSERT_ROWS) {
      const ids = await insertTransactions(
        db,
        txs.slice(i, i + INSERT_ROWS).map((t) => toRow(t, live.codec, source, batchId)),
      );
      for (const id of ids) inserted.add(id);
    }
    await recordAudit(db, ctx, {
      action: 'payment_tx.ingest',
      resourceType: 'payment_batch',
      resourceId: batchId,
      details: { format: 'pacs.008', source, stored: inserted.size, ...details },
    });
    return inserted;
  });
}

/**
 * A pacs.008 document from the API (already bounded by the route's body limit): parsed whole first, so a
 * malformed one writes nothing (400 with line and column); then one outcome per transaction, stored in one
 * database transaction, idempotent by tx_id, card numbers as keyed hash + last four; audited.
 */
export async function ingestPacs008(p: Platform, ctx: RequestContext, xml: string, given?: { source?: string }) {
  requirePermission(ctx.actor, 'payments.ingest');
  const live = liveScorer(p);
  await live.init();
  const v = new Validator();
  const items: PacsOutcome[] = [];
  const valid: Tx[] = [];
  let version: number | null = null;
  try {
    version = (
      await readPacs008([xml], (r) => {
        const c = v.check(r);
        items.push(c.outcome);
        if (c.tx) valid.push(c.tx);
      })
    ).version;
  } catch (e) {
    if (e instanceof Pacs008Error) throw malformed(e);
    throw e;
  }
  const batchId = randomUUID();
  const n = (s: PacsOutcome['status']) => items.filter((i) => i.status === s).length;
  const inserted = await storeChunk(p, ctx, valid, sourceOf(ctx, given?.source), batchId, {
    version,
    transactions: items.length,
    rejected: n('rejected'),
  });
  for (const t of valid) if (inserted.has(t.id)) live.apply(t);
  for (const it of items) if (it.status === 'accepted' && !inserted.has(it.txId)) it.status = 'duplicate';
  return { batchId, messageVersion: version, accepted: n('accepted'), duplicates: n('duplicate'), rejected: n('rejected'), items };
}

export type Pacs008FileSummary = {
  transactions: number;
  stored: number;
  duplicates: number;
  rejected: number;
  chunks: number;
  version: number | null;
  seconds: number;
};

/**
 * A pacs.008 file from the CLI, streamed twice so the document never sits in memory: pass 1 checks it is
 * well-formed (a malformed file writes nothing), pass 2 stores chunks of `chunkRows` transactions, each
 * chunk one database transaction (idempotent: rerun after a failure). Rejected rows are reported by line.
 */
export async function importPacs008File(
  p: Platform,
  ctx: RequestContext,
  file: string,
  o: { log: (line: string) => void; source?: string; chunkRows?: number },
): Promise<Pacs008FileSummary> {
  const started = performance.now();
  const open = () => fs.createReadStream(file, { highWaterMark: 1 << 16 });
  const check = await readPacs008(open(), () => undefined);
  const chunkRows = o.chunkRows ?? 5000;
  const source = o.source ?? ctx.actor.organisationCode ?? 'file';
  const v = new Validator();
  const s: Pacs008FileSummary = { transactions: 0, stored: 0, duplicates: 0, rejected: 0, chunks: 0, version: check.version, seconds: 0 };
  let chunk: Tx[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const ins = await storeChunk(p, ctx, chunk, source, randomUUID(), { file: file.split('/').pop(), rows: chunk.length });
    s.stored += ins.size;
    s.duplicates += chunk.length - ins.size;
    s.chunks++;
    chunk = [];
  };
  await readPacs008(open(), async (r) => {
    s.transactions++;
    const c = v.check(r);
    if (c.outcome.status === 'rejected') {
      s.rejected++;
      o.log(`line ${r.line}: transaction ${r.index + 1}: ${c.outcome.error}; skipped`);
    } else if (c.outcome.status === 'duplicate') s.duplicates++;
    if (c.tx) chunk.push(c.tx);
    if (chunk.length >= chunkRows) await flush();
  });
  await flush();
  s.seconds = (performance.now() - started) / 1000;
  return s;
}
