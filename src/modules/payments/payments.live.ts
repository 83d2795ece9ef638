import type { Executor } from '../../kernel/db/database.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isIssue, parseTxFields } from './engine/csv.ts';
import { PaymentsEngine, type WatchEntry } from './engine/engine.ts';
import { HolderLinks, type HolderLink } from './engine/links.ts';
import type { CompiledRuleSet, RuleSet } from './engine/rule-set.ts';
import { WINDOW } from './engine/state.ts';
import { CASH, CH, CHANNELS, type AccountResult, type Channel, type RowIssue, type Tx } from './engine/types.ts';
import { engineIdOfHash, IdentifierCodec, maskPseudonyms } from './payments.identifiers.ts';
import { allAccountLinks, allWatchEntries } from './payments.repository.ts';
import { activeRuleSet } from './rule-sets.repository.ts';
import { fromJson } from './cases.repository.ts';
import { RuleSetSchema } from './engine/rule-set.ts';
import { latestTransactionTime, transactionsBetween, type StoredTxRow } from './payments.replay.repository.ts';
import type { TxInput } from './payments.schema.ts';

/** API input → the engine's fields, validated by the same rules as the CSV (messages never echo ids). */
export function txFromInput(t: TxInput): Tx | RowIssue {
  return parseTxFields(
    [t.txId, t.timestamp, t.payerAccount, t.payeeAccount, String(t.amount), t.currency, t.channel, t.payerBank, t.payeeBank],
    0,
  );
}

/** The active rule set as stored (null before the first start seeded one). */
export async function storedActiveRuleSet(db: Executor): Promise<RuleSet | null> {
  const active = await activeRuleSet(db);
  return active ? RuleSetSchema.parse(fromJson(active.body)) : null;
}

/** The stored KYC link feed as the engines take it (account pseudonyms, holder pseudonyms). */
export async function storedLinks(db: Executor): Promise<HolderLink[]> {
  return (await allAccountLinks(db)).map((l) => ({
    account: engineIdOfHash(l.account_hash, l.account_last4),
    holder: l.holder_hash.slice(0, 24),
  }));
}

/** The stored watchlist (or the entries with `ids`) as the engines take it (keyed pseudonyms, never a number in clear). */
export async function storedWatchlist(db: Executor, ids?: readonly string[]): Promise<WatchEntry[]> {
  return (await allWatchEntries(db, ids)).map((w) => ({
    identifier: engineIdOfHash(w.identifier_hash, w.identifier_last4),
    type: w.type,
    source: w.source,
  }));
}

/** A transaction with card and phone numbers replaced by keyed pseudonyms (what engines and NATS see). */
export function pseudonymise(tx: Tx, codec: IdentifierCodec): Tx {
  return { ...tx, payer: codec.engineId(tx.payer), payee: tx.payee === CASH ? CASH : codec.engineId(tx.payee) };
}

/** The account a decision is about: the payee, or the payer of a cash withdrawal. */
export const decidedAccount = (tx: Tx) => (tx.payee === CASH ? tx.payer : tx.payee);

/** Kazakhstan's clock (UTC+5): stored rows keep the instant, not the payer's local hour. */
const LOCAL_OFFSET_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;

/** A stored row → the engine's transaction on pseudonyms (card rows carry keyed hash + last four). */
export function storedToTx(r: StoredTxRow, codec: IdentifierCodec): Tx {
  const id = (value: string, last4: string | null) =>
    value === CASH ? CASH : last4 !== null ? engineIdOfHash(value, last4) : codec.engineId(value);
  const ts = new Date(r.ts).getTime();
  const channel = (CHANNELS as readonly string[]).includes(r.channel) ? CH[r.channel as Channel] : CH.bank_transfer;
  return {
    id: r.tx_id,
    ts,
    localHour: new Date(ts + LOCAL_OFFSET_MS).getUTCHours(),
    payer: id(r.payer, r.payer_last4),
    payee: id(r.payee, r.payee_last4),
    amount: Number(r.amount),
    currency: r.currency,
    channel,
    payerBank: r.payer_bank,
    payeeBank: r.payee_bank,
    line: 0,
  };
}

/**
 * The process's real-time engine: fed by API batches and decisions, answering per-account scores at
 * once (no reordering: rows apply as they come). On first use it loads the stored watchlist and replays
 * the stored transactions of the last `replayMs` (default: the engine's retention, 3 days — longer than
 * every rule window) in time order, so scores survive a restart. Each API process has its own (the NATS
 * workers are the scale-out path).
 */
export class LiveScorer {
  readonly engine = new PaymentsEngine({ reorderCapacity: 0 });
  readonly codec: IdentifierCodec;
  private ready: Promise<void> | null = null;
  /** Transactions replayed from the database by `init`. */
  replayed = 0;
  /** The KYC link feed as loaded by `init`: a holder's accounts are one entity to the engine. */
  private links = new HolderLinks([], false);
  constructor(
    private readonly p: Platform,
    private readonly replayMs = WINDOW.retainMs,
  ) {
    this.codec = new IdentifierCodec(p.secrets);
  }

  /**
   * Loads the watchlist and replays the recent stored transactions, once (first use). Called inside a
   * transaction, pass it: the embedded engine has one connection, a query beside it would wait forever.
   */
  init(db: Executor = this.p.db): Promise<void> {
    this.ready ??= (async () => {
      this.links = new HolderLinks(await storedLinks(db), false);
      // the active rule set, not the shipped one (e.g. when rebuilt after a link import)
      const ruleSet = await storedActiveRuleSet(db);
      if (ruleSet) this.useRuleSet(ruleSet);
      for (const w of await storedWatchlist(db)) this.addWatch(w);
      await this.replay(db);
    })().catch((e: unknown) => {
      this.ready = null;
      throw e;
    });
    return this.ready;
  }

  /** Replays stored transactions of the last `replayMs` (event time, up to the latest stored) hour by hour. */
  private async replay(db: Executor): Promise<void> {
    const latest = await latestTransactionTime(db);
    if (!latest || this.replayMs <= 0) return;
    const end = latest.getTime() + 1;
    for (let from = end - this.replayMs; from < end; from += HOUR_MS) {
      const rows = await transactionsBetween(db, new Date(from), new Date(Math.min(end, from + HOUR_MS)));
      for (const r of rows) if (this.ingest(storedToTx(r, this.codec))) this.replayed++;
    }
  }

  /** Switches the live engine's rules and thresholds at run time (e.g. an analyst activated a new version). */
  useRuleSet(ruleSet: RuleSet | CompiledRuleSet): void {
    this.engine.useRuleSet(ruleSet);
  }

  /** A pseudonymised transaction onto linked entities; a move between a holder's own accounts is not scored. */
  private ingest(tx: Tx): boolean {
    const linked = this.links.apply(tx);
    return linked === null || this.engine.ingest(linked);
  }

  /** Watches an identifier (an engine pseudonym); a linked one marks its holder. */
  addWatch(entry: WatchEntry): void {
    this.engine.addWatch(this.links.watchEntry(entry));
  }

  /** Applies a validated transaction; false when its id was seen before by this engine. */
  apply(tx: Tx): boolean {
    return this.ingest(pseudonymise(tx, this.codec));
  }

  /** The live result of an engine pseudonym (its holder's when linked); null when never seen. */
  resultOf(engineId: string): AccountResult | null {
    return this.engine.liveResult(this.links.entity(engineId));
  }

  /** The live result of a clear identifier, reasons masked; null when never seen. */
  score(account: string): AccountResult | null {
    const r = this.resultOf(this.codec.engineId(account));
    return r && { ...r, account, reasons: r.reasons.map(maskPseudonyms) };
  }
}

const scorers = new WeakMap<Platform, LiveScorer>();
/** Drops this process's live scorer: the next use loads links and watchlist again and replays (new KYC links). */
export function resetLiveScorer(p: Platform): void {
  scorers.delete(p);
}
/** The live scorer of this platform (one per process and database). */
export function liveScorer(p: Platform): LiveScorer {
  let s = scorers.get(p);
  if (!s) {
    s = new LiveScorer(p);
    scorers.set(p, s);
  }
  return s;
}

/** The channel on which payments tells other processes that their engines must learn a change. */
export const PAYMENTS_CHANNEL = 'tartip_payments';
/** `ids`: the watchlist entries added (absent: reload the whole list, e.g. a batch too big for a notice). */
export type PaymentsChange = { kind: 'rule_set' } | { kind: 'links' } | { kind: 'watchlist'; ids?: string[] };
/** A notice's payload stays under PostgreSQL's 8,000 bytes: at most this many entry ids (36 characters each). */
const MAX_NOTICE_IDS = 150;

/** What an engine does with a change another process made; the stored rule set or entries are read once per notice. */
type ChangeHandlers = { ruleSet(rs: RuleSet): void; watchlist(entries: readonly WatchEntry[]): void; links?(): void };

function onChanges(p: Platform, h: ChangeHandlers): Promise<void> {
  const fail = (e: unknown) => process.stderr.write(`payments: a change from another process was not applied: ${(e as Error).message}\n`);
  return p.notifications.subscribe(PAYMENTS_CHANNEL, (m) => {
    const c = m as PaymentsChange;
    if (c.kind === 'links') h.links?.();
    else if (c.kind === 'rule_set')
      storedActiveRuleSet(p.db)
        .then((rs) => rs && h.ruleSet(rs))
        .catch(fail);
    else if (c.kind === 'watchlist') storedWatchlist(p.db, c.ids).then(h.watchlist).catch(fail);
  });
}

/**
 * A serving process's live scorer learns what another process changed: an activated rule set and new
 * watchlist entries at once, a KYC link import by a rebuild on its next use. Called by the module's warm-up.
 */
export function followChangesLive(p: Platform): Promise<void> {
  return onChanges(p, {
    ruleSet: (rs) => scorers.get(p)?.useRuleSet(rs),
    watchlist: (ws) => {
      const s = scorers.get(p);
      for (const w of ws) s?.addWatch(w);
    },
    links: () => resetLiveScorer(p),
  });
}

/** The NATS partition workers' engines follow activated rule sets and new watchlist entries (not links). */
export function followChanges(p: Platform, engines: () => readonly PaymentsEngine[]): Promise<void> {
  return onChanges(p, {
    ruleSet: (rs) => engines().forEach((e) => e.useRuleSet(rs)),
    watchlist: (ws) => engines().forEach((e) => ws.forEach((w) => e.addWatch(w))),
  });
}

/** Queues the notice of a change in `tx` (other processes learn it when `tx` commits). */
export function announceChange(p: Platform, tx: Executor, change: PaymentsChange): Promise<void> {
  if (change.kind === 'watchlist' && (change.ids?.length ?? 0) > MAX_NOTICE_IDS) change = { kind: 'watchlist' };
  return p.notifications.send(tx, PAYMENTS_CHANNEL, change);
}

export { isIssue };
