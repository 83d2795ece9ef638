import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { isHeader, isIssue, parseTxFields, RecordSplitter, splitFields } from './engine/csv.ts';
import { PaymentsEngine, type EngineStats, type WatchEntry } from './engine/engine.ts';
import { HolderLinks } from './engine/links.ts';
import { AccountLinkInputSchema, type AccountLinkInput } from './payments.schema.ts';
import type { RuleSet } from './engine/rule-set.ts';
import type { AccountResult } from './engine/types.ts';

/** Where a run's diagnostics go (stderr for the CLI). Never receives an account identifier in clear. */
export type Log = (line: string) => void;

export type ScoreSummary = { rows: number; badRows: number; stats: EngineStats; flagged: number; accounts: number };

const MAX_REPORTED = 10_000;

/** Reads a small CSV file into records with their line numbers (header included). */
export function readCsvRecords(file: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  const sp = new RecordSplitter((buf, s, e, line) => {
    if (e > s) out.push({ line, fields: splitFields(buf, s, e) });
  });
  sp.feed(fs.readFileSync(file));
  sp.end();
  return out;
}

/** Watchlist CSV `identifier,type,source`; bad rows are reported and skipped. */
export function readWatchlist(file: string, log: Log): WatchEntry[] {
  const out: WatchEntry[] = [];
  for (const { line, fields } of readCsvRecords(file)) {
    if (line === 1 && fields[0]?.toLowerCase() === 'identifier') continue;
    const [identifier, type, source] = fields;
    if (fields.length < 2 || fields.length > 3 || !identifier) log(`watchlist line ${line}: expected identifier,type,source; skipped`);
    else out.push({ identifier, type: type || 'account', source: source || 'unknown' });
  }
  return out;
}

/** KYC link feed CSV `account,holder` (validated by `AccountLinkInputSchema`); bad rows are reported by line and skipped. */
export function readLinks(file: string, log: Log): AccountLinkInput[] {
  const out: AccountLinkInput[] = [];
  for (const { line, fields } of readCsvRecords(file)) {
    if (line === 1 && fields[0]?.toLowerCase() === 'account') continue;
    if (fields.length === 1 && fields[0] === '') continue;
    const r = fields.length === 2 ? AccountLinkInputSchema.safeParse({ account: fields[0], holder: fields[1] }) : null;
    if (r?.success) out.push(r.data);
    else
      log(
        `links line ${line}: ${r ? r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'expected account,holder'}; skipped`,
      );
  }
  return out;
}

/** Streams the transactions CSV through the engine. Bad rows and duplicates go to `log` with line numbers. */
export async function scoreStream(
  input: AsyncIterable<Buffer>,
  engine: PaymentsEngine,
  log: Log,
  /** Called every `every` rows (e.g. to sample memory in a bench). */
  progress?: { every: number; onRows: (rows: number) => void },
  /** Accounts of one holder scored together (the engine must have been given `links.watchlist(…)`). */
  links?: HolderLinks,
): Promise<{ rows: number; badRows: number; results: AccountResult[] }> {
  let rows = 0;
  let bad = 0;
  let reported = 0;
  const report = (line: string) => {
    if (++reported <= MAX_REPORTED) log(line);
  };
  const sp = new RecordSplitter((buf, s, e, line) => {
    if (e <= s) return;
    const fields = splitFields(buf, s, e);
    if (line === 1 && isHeader(fields)) return;
    if (fields.length === 1 && fields[0] === '') return;
    rows++;
    if (progress && rows % progress.every === 0) progress.onRows(rows);
    const r = parseTxFields(fields, line);
    if (isIssue(r)) {
      bad++;
      report(`line ${r.line}: ${r.message}; row skipped`);
    } else {
      const tx = links ? links.apply(r) : r;
      if (tx && !engine.ingest(tx)) report(`line ${line}: duplicate tx_id, counted once`);
    }
  });
  for await (const chunk of input) sp.feed(chunk);
  sp.end();
  if (reported > MAX_REPORTED) log(`… ${reported - MAX_REPORTED} more row reports not shown`);
  const results = links ? links.expand(engine.results()) : engine.results();
  return { rows, badRows: bad, results };
}

/** Scores a transactions file and writes one JSON line per account to `output` ('-' = stdout). */
export async function scoreFile(
  opts: {
    transactions: string;
    watchlist?: string;
    links?: string;
    output?: string;
    threshold?: number;
    features?: string;
    /** A rule set to score with (default: the shipped one), e.g. a draft an analyst is trying out. */
    ruleSet?: RuleSet;
  },
  log: Log,
  progress?: { every: number; onRows: (rows: number, engine: PaymentsEngine) => void },
): Promise<ScoreSummary> {
  const links = opts.links ? new HolderLinks(readLinks(opts.links, log)) : undefined;
  const listed = opts.watchlist ? readWatchlist(opts.watchlist, log) : [];
  const watchlist = links ? links.watchlist(listed) : listed;
  const engine = new PaymentsEngine({
    watchlist,
    ...(opts.ruleSet ? { ruleSet: opts.ruleSet } : {}),
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
  });
  const input = fs.createReadStream(opts.transactions, { highWaterMark: 1 << 20 });
  const { rows, badRows, results } = await scoreStream(
    input,
    engine,
    log,
    progress && { every: progress.every, onRows: (n) => progress.onRows(n, engine) },
    links,
  );
  if (links) log(`KYC links: ${links.size} account(s) linked; ${links.internal} transfer(s) between a holder's own accounts left out`);
  const stats = engine.stats();
  if (stats.late > 0) log(`${stats.late} row(s) arrived later than the reorder window; counted in aggregates only`);
  await writeLines(results, opts.output ?? '-');
  if (opts.features) writeFeatureDump(results, opts.features);
  const flagged = results.reduce((n, r) => n + (r.flag ? 1 : 0), 0);
  log(`payments score: ${rows} rows, ${badRows} bad, ${stats.duplicates} duplicate(s), ${results.length} accounts, ${flagged} flagged`);
  return { rows, badRows, stats, flagged, accounts: results.length };
}

/** One CLI output line: exactly account, score, flag, role, reasons (the issue's format; rule ids are not written). */
export function resultLine(r: AccountResult): string {
  return JSON.stringify({ account: r.account, score: r.score, flag: r.flag, role: r.role, reasons: r.reasons });
}

async function writeLines(results: readonly AccountResult[], output: string): Promise<void> {
  const stream = output === '-' ? process.stdout : fs.createWriteStream(output);
  let buf = '';
  for (const r of results) {
    buf += `${resultLine(r)}\n`;
    if (buf.length > 1 << 20) {
      if (!stream.write(buf)) await new Promise<void>((res) => stream.once('drain', () => res()));
      buf = '';
    }
  }
  await new Promise<void>((res, rej) => {
    const done = (e?: Error | null) => (e ? rej(e) : res());
    if (stream === process.stdout) stream.write(buf, done);
    else (stream as fs.WriteStream).end(buf, done);
  });
}

/** Keyed hash of an identifier for anything stored or logged: never the identifier in clear. */
export function accountRef(id: string, key: Buffer): string {
  return `${createHmac('sha256', key).update('payments.account').update('\0').update(id).digest('hex').slice(0, 20)}:${id.slice(-4)}`;
}

function secretKey(): Buffer {
  const env = process.env.TARTIP_SECRET_KEY;
  return env && /^[0-9a-fA-F]{64}$/.test(env) ? Buffer.from(env, 'hex') : randomBytes(32);
}

/** A debugging dump for analysts: results keyed by HMAC + last four (TARTIP_SECRET_KEY or a per-run key). */
function writeFeatureDump(results: readonly AccountResult[], file: string): void {
  const key = secretKey();
  const lines = results
    .filter((r) => r.score > 0)
    .map((r) => JSON.stringify({ ref: accountRef(r.account, key), score: r.score, role: r.role, flag: r.flag }));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}
