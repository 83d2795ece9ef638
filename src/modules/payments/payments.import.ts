import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { recordAudit, type AuditContext } from '../../kernel/audit/audit.ts';
import type { Tx as DbTx } from '../../kernel/db/database.ts';
import type { Database } from '../../kernel/db/schema.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isHeader, isIssue, parseTxFields, RecordSplitter, splitFields } from './engine/csv.ts';
import { IdentifierCodec } from './payments.identifiers.ts';
import { insertTransactions, TX_TABLE_COLUMNS, type TxInsert } from './payments.repository.ts';
import { toRow } from './payments.service.ts';

export type ImportOptions = {
  /** Rows per transaction (each chunk commits on its own). */
  chunkRows?: number;
  /** PostgreSQL connections loading chunks side by side (default 2). */
  connections?: number;
  source?: string;
  log: (line: string) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

export type ImportSummary = {
  rows: number;
  inserted: number;
  duplicates: number;
  badRows: number;
  chunks: number;
  committedThroughLine: number;
  seconds: number;
  /** Time the database lanes spent writing, summed over lanes (reading, parsing and hashing overlap it). */
  dbSeconds: number;
};

/** A chunk of rows: as COPY text on PostgreSQL, as row objects on PGlite (only one of the two is kept). */
type Chunk = { batchId: string; count: number; rows: TxInsert[]; copy: Buffer[]; lastLine: number };
/**
 * One row in COPY text format, columns in TX_TABLE_COLUMNS order (a test holds the two together). The
 * timestamp, amount, channel, last fours and keyed hashes are made here and never need escaping; `tail`
 * is the escaped source and batch id, the same for every row of an import.
 */
export const copyLine = (r: TxInsert, tail: string) =>
  `${copyField(r.tx_id)}\t${r.ts as string}\t${copyField(r.payer)}\t${r.payer_last4 ?? '\\N'}\t${copyField(r.payee)}\t${r.payee_last4 ?? '\\N'}\t${r.amount as string}\t${copyField(r.currency)}\t${r.channel}\t${copyField(r.payer_bank)}\t${copyField(r.payee_bank)}${tail}`;
/** The last two columns (source, batch_id) and the line's end. */
export const copyTail = (source: string, batchId: string) => `\t${copyField(source)}\t${copyField(batchId)}\n`;
type ChunkWriter = { write(chunk: Chunk, n: number): Promise<number>; settle?(): Promise<void>; close(): Promise<void> };
const MAX_REPORTED = 10_000;

// COPY text format: tab-separated, \N for null, backslash escapes.
export function copyField(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13)
      return v.replace(/[\\\t\n\r]/g, (m) => (m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r'));
  }
  return v;
}

const STAGE_COLUMNS = TX_TABLE_COLUMNS.join(', ');

/**
 * PostgreSQL, per chunk and in one transaction with its audit entry: first an optimistic COPY straight
 * into pay_transactions (a fresh load: no staging, no second pass); when any tx_id of the chunk is
 * already stored (unique violation), back to the savepoint and load it idempotently instead: COPY into a
 * temp staging table, then insert … select … on conflict (tx_id) do nothing.
 */
async function pgWriter(pool: pg.Pool, ctx: AuditContext, file: string): Promise<ChunkWriter> {
  const client = await pool.connect();
  // Kysely on this one connection, so the audit entry is written in the COPY's transaction.
  // (a wrapper, so Kysely's release is a no-op and the real client goes back to the pool at close)
  const conn = new Proxy(client, { get: (c, k) => (k === 'release' ? () => undefined : Reflect.get(c, k, c)) });
  const single: PostgresPool = { connect: async () => conn, end: async () => undefined, options: {} };
  const kdb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  const copy = (table: string, chunk: Chunk) =>
    pipeline(Readable.from(chunk.copy), client.query(copyFrom(`copy ${table} (${STAGE_COLUMNS}) from stdin`)));
  return {
    write: (chunk, n) =>
      kdb.transaction().execute(async (tx) => {
        let inserted: number;
        // a larger GIN pending list for this bulk transaction (merged in bulk, and at the end of the import)
        await client.query(`set local gin_pending_list_limit = '16MB'`);
        await client.query('savepoint direct_copy');
        try {
          await copy('pay_transactions', chunk);
          inserted = chunk.count;
        } catch (e) {
          if ((e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
          await client.query('rollback to savepoint direct_copy');
          await client.query(
            `create temp table if not exists pay_tx_stage (like pay_transactions including defaults) on commit delete rows`,
          );
          await copy('pay_tx_stage', chunk);
          const res = await client.query(
            `insert into pay_transactions (${STAGE_COLUMNS}) select ${STAGE_COLUMNS} from pay_tx_stage on conflict (tx_id) do nothing`,
          );
          inserted = res.rowCount ?? 0;
        }
        await audit(tx, ctx, file, n, chunk, inserted);
        return inserted;
      }),
    // Merges the index's pending list, so that the next live decision does not pay for this bulk load.
    settle: async () => {
      await client.query(`select gin_clean_pending_list('pay_transactions_parties_gin'::regclass)`);
    },
    close: async () => {
      await kdb.destroy();
      client.release();
    },
  };
}

const UNIQUE_VIOLATION = '23505';
/** Parsed chunks that may wait for a lane (each is ~18 MB of COPY text at 100,000 rows). */
const AHEAD = 2;
/** Bytes parsed between two turns of the event loop (~700 rows, a few milliseconds). */
const SLICE = 1 << 16;
const DEADLOCK = '40P01';

/** PGlite (embedded): multi-row inserts of 1,000 rows inside one transaction per chunk. */
function kyselyWriter(p: Platform, ctx: AuditContext, file: string): ChunkWriter {
  return {
    write: (chunk, n) =>
      p.db.transaction().execute(async (tx) => {
        let inserted = 0;
        for (let i = 0; i < chunk.rows.length; i += 1000) inserted += (await insertTransactions(tx, chunk.rows.slice(i, i + 1000))).size;
        await audit(tx, ctx, file, n, chunk, inserted);
        return inserted;
      }),
    close: async () => undefined,
  };
}

function audit(tx: DbTx, ctx: AuditContext, file: string, n: number, chunk: Chunk, inserted: number) {
  return recordAudit(tx, ctx, {
    action: 'payment_tx.import',
    resourceType: 'payment_batch',
    resourceId: chunk.batchId,
    details: { file: path.basename(file), chunk: n, throughLine: chunk.lastLine, inserted, duplicates: chunk.count - inserted },
  });
}

/**
 * Loads a transactions CSV into pay_transactions. Bad rows are reported with line numbers and skipped.
 * Each chunk is one transaction and every insert is idempotent by tx_id, so after a failure the same
 * command simply runs again: committed chunks come back as duplicates, nothing is half-written.
 */
export async function importTransactionsFile(p: Platform, ctx: AuditContext, file: string, opts: ImportOptions): Promise<ImportSummary> {
  const t0 = Date.now();
  const isPg = p.handle.engine === 'postgres' && p.handle.pool !== undefined;
  const chunkRows = opts.chunkRows ?? (isPg ? 100_000 : 20_000);
  // PostgreSQL: two connections load alternate chunks (COPY is CPU-bound on the server side too).
  const lanes = isPg ? Math.max(1, opts.connections ?? 2) : 1;
  const writers = isPg
    ? await Promise.all(Array.from({ length: lanes }, () => pgWriter(p.handle.pool as pg.Pool, ctx, file)))
    : [kyselyWriter(p, ctx, file)];
  const codec = new IdentifierCodec(p.secrets);
  const source = opts.source ?? `file:${path.basename(file)}`;
  const batchId = `${path.basename(file)}@${new Date(t0).toISOString()}`;
  const tail = copyTail(source, batchId);
  const s: ImportSummary = {
    rows: 0,
    inserted: 0,
    duplicates: 0,
    badRows: 0,
    chunks: 0,
    committedThroughLine: 0,
    seconds: 0,
    dbSeconds: 0,
  };
  const newChunk = (): Chunk => ({ batchId, count: 0, rows: [], copy: [], lastLine: 0 });
  let current = newChunk();
  // COPY text goes straight into megabyte buffers: no long strings for the garbage collector to trace.
  const PIECE = 1 << 20;
  let piece = Buffer.allocUnsafe(PIECE);
  let used = 0;
  const cut = () => {
    if (used > 0) current.copy.push(piece.subarray(0, used));
    piece = Buffer.allocUnsafe(PIECE);
    used = 0;
  };
  const full: Chunk[] = [];
  const sp = new RecordSplitter((buf, st, e, line) => {
    if (e <= st) return;
    const fields = splitFields(buf, st, e);
    if (line === 1 && isHeader(fields)) return;
    if (fields.length === 1 && fields[0] === '') return;
    s.rows++;
    const r = parseTxFields(fields, line);
    if (isIssue(r)) {
      if (++s.badRows <= MAX_REPORTED) opts.log(`line ${r.line}: ${r.message}; row skipped`);
      return;
    }
    const row = toRow(r, codec, source, batchId);
    // The COPY text is built here, while the database is busy with the previous chunk.
    if (isPg) {
      const text = copyLine(row, tail);
      // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > PIECE) {
        cut();
        if (text.length * 3 > PIECE) current.copy.push(Buffer.from(text));
      }
      if (text.length * 3 <= PIECE) used += piece.write(text, used);
    } else current.rows.push(row);
    current.count++;
    current.lastLine = line;
    if (current.count >= chunkRows) {
      cut();
      full.push(current);
      current = newChunk();
    }
  });
  // Each lane writes its chunks in turn while the next ones are parsed: parsing runs up to AHEAD chunks
  // in front of the lanes, so a lane that finishes finds its next chunk ready (the database never waits
  // for JavaScript, and JavaScript waits only when it is that far ahead).
  const inflight: Promise<void>[] = writers.map(() => Promise.resolve());
  const submitted: Promise<void>[] = [];
  const finished = new Map<number, number>();
  let nextCommit = 1;
  let lane = 0;
  const submit = (c: Chunk) => {
    const n = ++s.chunks;
    const i = lane;
    lane = (lane + 1) % writers.length;
    const writer = writers[i] as ChunkWriter;
    inflight[i] = (inflight[i] as Promise<void>).then(async () => {
      const w0 = Date.now();
      let ins: number;
      try {
        ins = await writer.write(c, n);
      } catch (e) {
        // Two lanes holding the same tx_ids can deadlock; the loser rolled back whole: write it again.
        if ((e as { code?: string }).code !== DEADLOCK) throw e;
        ins = await writer.write(c, n);
      }
      s.dbSeconds += (Date.now() - w0) / 1000;
      s.inserted += ins;
      s.duplicates += c.count - ins;
      finished.set(n, c.lastLine);
      while (finished.has(nextCommit)) {
        s.committedThroughLine = finished.get(nextCommit) as number;
        finished.delete(nextCommit++);
      }
    });
    // Marked handled here; the error surfaces where the lane is awaited.
    (inflight[i] as Promise<void>).catch(() => undefined);
    submitted.push(inflight[i] as Promise<void>);
  };
  const room = async () => {
    while (submitted.length > writers.length + AHEAD) await submitted.shift();
  };
  const total = fs.statSync(file).size;
  let read = 0;
  try {
    // Read in 4 MB blocks, parsed a slice at a time with a turn of the event loop in between, so the
    // lanes' COPY streams keep the database fed while JavaScript parses.
    for await (const block of fs.createReadStream(file, { highWaterMark: 1 << 22 })) {
      for (let o = 0; o < (block as Buffer).length; o += SLICE) {
        const buf = (block as Buffer).subarray(o, o + SLICE);
        sp.feed(buf);
        read += buf.length;
        opts.onProgress?.(read, total);
        while (full.length > 0) {
          submit(full.shift() as Chunk);
          await room();
        }
        await new Promise(setImmediate);
      }
    }
    sp.end();
    cut();
    full.push(current);
    for (const c of full) if (c.count > 0) submit(c);
    await Promise.all(inflight);
    await writers[0]?.settle?.();
  } catch (e) {
    await Promise.allSettled(inflight);
    opts.log(
      `stopped: rows through line ${s.committedThroughLine} are committed; run the same command again to resume (stored rows count as duplicates)`,
    );
    throw e;
  } finally {
    await Promise.all(writers.map((w) => w.close()));
  }
  s.seconds = (Date.now() - t0) / 1000;
  return s;
}
