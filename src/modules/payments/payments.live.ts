import type { Executor } from '../../kernel/db/database.ts';
import type { Platform } from '../../kernel/platform.ts';
import { isIssue, parseTxFields } from './engine/csv.ts';
import { PaymentsEngine, type WatchEntry } from './engine/engine.ts';
import { HolderLinks, type HolderLink } from './engine/links.ts';
import type { CompiledRuleSet, RuleSet } from './engine/rule-set.ts';
import { WINDOW } from './engine/state.ts';
import { CASH, CH, CHANNELS, type AccountResult, type Channel, type RowIssue, type Tx } from './engine/types.ts';
import { alertWriter } from './payments.alerts.ts';
import { GraphPass, withGraph, type GraphVerdict } from './payments.graph-pass.ts';
import { engineIdOfHash, IdentifierCodec, maskPseudonyms } from './payments.identifiers.ts';
import { activeAlertScores, allAccountLinks, allWatchEntries } from './payments.repository.ts';
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

/** What a live scorer was told, kept so that a rebuilt scorer can be told it again before it takes over. */
type LiveOp = { tx: Tx } | { watch: WatchEntry } | { ruleSet: RuleSet | CompiledRuleSet };
/**
 * How many of its latest operations a live scorer keeps: a decision applies its transaction before the
 * row is committed, so a rebuild that starts while decisions are in flight re-applies these too (the
 * engine counts a transaction id once).
 */
const RECENT_OPS = 4096;

/**
 * The process's real-time engine: fed by API batches and decisions, answering per-account scores at
 * once (no reordering: rows apply as they come). On first use it loads the stored watchlist and replays
 * the stored transactions of the last `replayMs` (default: the engine's retention, 3 days — longer than
 * every rule window) in time order, so scores survive a restart. Each API process has its own (the NATS
 * workers are the scale-out path). When it is replaced (`rebuildLiveScorer`), it forwards everything to
 * its successor, so a caller holding the old one loses nothing.
 */
export class LiveScorer {
  readonly #engine = new PaymentsEngine({ reorderCapacity: 0 });
  readonly codec: IdentifierCodec;
  private ready: Promise<void> | null = null;
  #isReady = false;
  /** Transactions replayed from the database by `init`. */
  replayed = 0;
  /** The KYC link feed as loaded by `init`: a holder's accounts are one entity to the engine. */
  private links = new HolderLinks([], false);
  readonly #recent: LiveOp[] = [];
  #ops = 0;
  #recording: LiveOp[] | null = null;
  #successor: LiveScorer | null = null;
  #graph: GraphPass | null = null;
  /** With a graph pass: each account pseudonym's keyed hash (alerts are keyed by it), and the score alerted per hash. */
  #hashes: Map<string, string> | null = null;
  #alerted = new Map<string, number>();
  constructor(
    private readonly p: Platform,
    readonly replayMs = WINDOW.retainMs,
  ) {
    this.codec = new IdentifierCodec(p.secrets);
  }

  /** The engine in use (the successor's once this scorer was replaced). */
  get engine(): PaymentsEngine {
    return this.#successor ? this.#successor.engine : this.#engine;
  }

  /** True once `init` has loaded and replayed. */
  get isReady(): boolean {
    return this.#isReady;
  }

  /**
   * Loads the watchlist and replays the recent stored transactions, once (first use). Called inside a
   * transaction, pass it: the embedded engine has one connection, a query beside it would wait forever.
   */
  init(db: Executor = this.p.db): Promise<void> {
    this.ready ??= (async () => {
      // with a graph pass, a holder's accounts are remembered: a flagged holder gets an alert per account
      this.links = new HolderLinks(await storedLinks(db), this.#graph !== null);
      // the active rule set, not the shipped one (e.g. when rebuilt after a link import)
      const ruleSet = await storedActiveRuleSet(db);
      if (ruleSet) this.#useRuleSet(ruleSet);
      for (const w of await storedWatchlist(db)) this.#addWatch(w);
      if (this.#graph) this.#alerted = await activeAlertScores(db);
      await this.replay(db);
      this.#isReady = true;
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
      for (const r of rows) {
        const tx = storedToTx(r, this.codec);
        if (this.#hashes) {
          this.#hashes.set(tx.payer, r.payer_last4 !== null ? r.payer : this.codec.hashOf(r.payer));
          if (tx.payee !== CASH) this.#hashes.set(tx.payee, r.payee_last4 !== null ? r.payee : this.codec.hashOf(r.payee));
        }
        if (this.ingest(tx)) this.replayed++;
      }
    }
  }

  /**
   * Runs the full graph analysis in a worker thread every `intervalMs` (0: only on `graphPassNow`), on a
   * mirror of this engine; scores then take the last pass's verdict (`withGraph`). Started before `init`
   * (the mirror is told the replay too); on a scorer already loaded, a rebuild starts one with it.
   */
  async startGraphPass(intervalMs: number): Promise<void> {
    if (this.#successor) return this.#successor.startGraphPass(intervalMs);
    if (this.#graph) return;
    if (!this.ready) {
      this.#hashes = new Map();
      this.#graph = new GraphPass(intervalMs, (verdicts) => this.#raiseAlerts(verdicts));
      return;
    }
    // loaded without a mirror: a rebuild loads one with it
    if (scorers.get(this.p) !== this) throw new Error('start the graph pass before the scorer is loaded');
    await this.ready;
    await rebuildLiveScorer(this.p, intervalMs);
  }

  /** The interval of the graph pass this scorer runs (a rebuilt one runs the same); null: none. */
  get graphIntervalMs(): number | null {
    return this.#successor ? this.#successor.graphIntervalMs : (this.#graph?.intervalMs ?? null);
  }

  /** True while `init` runs (loaded or not, the caller can wait for it). */
  get isLoading(): boolean {
    return this.ready !== null && !this.#isReady;
  }

  /** Runs a graph pass now over everything told so far (tests, operators); false when none runs here. */
  async graphPassNow(): Promise<boolean> {
    if (this.#successor) return this.#successor.graphPassNow();
    if (!this.#graph) return false;
    await this.#graph.run();
    return true;
  }

  /** The last graph pass's figures (null: none yet, or no graph pass in this process). */
  get graphPass(): GraphPass['last'] {
    return this.#successor ? this.#successor.graphPass : (this.#graph?.last ?? null);
  }

  /** Stops this scorer's graph pass (when replaced, or at shutdown). */
  stopGraphPass(): Promise<void> {
    const g = this.#graph;
    this.#graph = null;
    return g ? g.stop() : Promise.resolve();
  }

  /**
   * Alerts for the accounts a pass flags (one per account of a linked holder), when no active alert has
   * that score yet: a drop whose pattern shows only in the network is alerted even if no decision is
   * asked about it again.
   */
  async #raiseAlerts(verdicts: readonly GraphVerdict[]): Promise<void> {
    const sink = alertWriter(this.p, 'graph-pass');
    const flagged = verdicts.filter((v) => v.result.flag).map((v) => v.result);
    for (const r of this.links.expand(flagged)) {
      const hash = this.#hashes?.get(r.account);
      if (!hash || r.score <= (this.#alerted.get(hash) ?? 0)) continue;
      await sink({ ...r, reasons: r.reasons.map(maskPseudonyms) }, hash);
      this.#alerted.set(hash, r.score);
    }
  }

  #useRuleSet(ruleSet: RuleSet | CompiledRuleSet): void {
    this.#engine.useRuleSet(ruleSet);
    this.#graph?.ruleSet(ruleSet);
  }

  #addWatch(entry: WatchEntry): void {
    const linked = this.links.watchEntry(entry);
    this.#engine.addWatch(linked);
    this.#graph?.watch(linked);
  }

  #note(op: LiveOp): void {
    this.#recent[this.#ops++ % RECENT_OPS] = op;
    this.#recording?.push(op);
  }

  /** From now until `stopRecording`, keeps what this scorer is told (with its latest operations before). */
  startRecording(): void {
    const n = Math.min(this.#ops, RECENT_OPS);
    this.#recording = [];
    for (let i = this.#ops - n; i < this.#ops; i++) this.#recording.push(this.#recent[i % RECENT_OPS] as LiveOp);
  }

  stopRecording(): LiveOp[] {
    const r = this.#recording ?? [];
    this.#recording = null;
    return r;
  }

  /** Takes over from `old`: replays what it was told during the rebuild, then `old` forwards to this one. */
  succeed(old: LiveScorer, ops: readonly LiveOp[]): void {
    for (const op of ops) {
      if ('tx' in op) this.ingest(op.tx);
      else if ('watch' in op) this.#addWatch(op.watch);
      else this.#useRuleSet(op.ruleSet);
      this.#note(op);
    }
    if (this.#hashes && old.#hashes) for (const [k, v] of old.#hashes) if (!this.#hashes.has(k)) this.#hashes.set(k, v);
    for (const [k, v] of old.#alerted) if (v > (this.#alerted.get(k) ?? 0)) this.#alerted.set(k, v);
    old.#successor = this;
    void old.stopGraphPass();
  }

  /** Switches the live engine's rules and thresholds at run time (e.g. an analyst activated a new version). */
  useRuleSet(ruleSet: RuleSet | CompiledRuleSet): void {
    if (this.#successor) return this.#successor.useRuleSet(ruleSet);
    this.#note({ ruleSet });
    this.#useRuleSet(ruleSet);
  }

  /** A pseudonymised transaction onto linked entities; a move between a holder's own accounts is not scored. */
  private ingest(tx: Tx): boolean {
    const linked = this.links.apply(tx);
    if (linked === null) return true;
    const isNew = this.#engine.ingest(linked);
    if (isNew) this.#graph?.tx(linked);
    return isNew;
  }

  /** Watches an identifier (an engine pseudonym); a linked one marks its holder. */
  addWatch(entry: WatchEntry): void {
    if (this.#successor) return this.#successor.addWatch(entry);
    this.#note({ watch: entry });
    this.#addWatch(entry);
  }

  /** Applies a validated transaction; false when its id was seen before by this engine. */
  apply(tx: Tx): boolean {
    if (this.#successor) return this.#successor.apply(tx);
    const pseudonymous = pseudonymise(tx, this.codec);
    if (this.#hashes) {
      this.#hashes.set(pseudonymous.payer, this.codec.hashOf(tx.payer));
      if (tx.payee !== CASH) this.#hashes.set(pseudonymous.payee, this.codec.hashOf(tx.payee));
    }
    this.#note({ tx: pseudonymous });
    return this.ingest(pseudonymous);
  }

  /** The live result of an engine pseudonym (its holder's when linked); null when never seen. */
  resultOf(engineId: string): AccountResult | null {
    if (this.#successor) return this.#successor.resultOf(engineId);
    const entity = this.links.entity(engineId);
    const r = this.#engine.liveResult(entity);
    return r && this.#graph ? withGraph(r, this.#graph.overlay.get(entity), this.#graph.last?.at) : r;
  }

  /** The live result of a clear identifier, reasons masked; null when never seen. */
  score(account: string): AccountResult | null {
    const r = this.resultOf(this.codec.engineId(account));
    return r && { ...r, account, reasons: r.reasons.map(maskPseudonyms) };
  }
}

const scorers = new WeakMap<Platform, LiveScorer>();
/** Drops this process's live scorer (and stops its graph pass): the next use loads everything again and replays. */
export function resetLiveScorer(p: Platform): Promise<void> {
  const s = scorers.get(p);
  scorers.delete(p);
  return s ? s.stopGraphPass() : Promise.resolve();
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

const rebuilds = new WeakMap<Platform, { done: Promise<void>; again?: Promise<void> }>();

/**
 * Replaces this process's live scorer with one that loads everything stored again (new KYC links, or a
 * listening connection that was lost): decisions go on with the current scorer while the new one loads
 * and replays; then the new one is told what the current one was told meanwhile, and takes over. A
 * request during a rebuild queues one more after it (the change may have come after its reads); one
 * during the current scorer's first load waits for that load (it may have read before the change). A
 * scorer never loaded is simply dropped (its first use loads everything). The new scorer runs the
 * current one's graph pass, or one every `graphIntervalMs` when given.
 */
export function rebuildLiveScorer(p: Platform, graphIntervalMs?: number): Promise<void> {
  const running = rebuilds.get(p);
  if (running) return (running.again ??= running.done.catch(() => undefined).then(() => rebuildLiveScorer(p, graphIntervalMs)));
  const current = scorers.get(p);
  if (current?.isLoading) return current.init().then(() => rebuildLiveScorer(p, graphIntervalMs));
  if (!current?.isReady) {
    scorers.delete(p);
    return current ? current.stopGraphPass() : Promise.resolve();
  }
  const entry: { done: Promise<void>; again?: Promise<void> } = {
    done: (async () => {
      try {
        const next = new LiveScorer(p, current.replayMs);
        const interval = graphIntervalMs ?? current.graphIntervalMs;
        if (interval !== null) await next.startGraphPass(interval);
        current.startRecording();
        try {
          await next.init();
        } catch (e) {
          current.stopRecording();
          await next.stopGraphPass();
          if (scorers.get(p) === current) scorers.delete(p); // the next use loads afresh
          throw e;
        }
        next.succeed(current, current.stopRecording());
        scorers.set(p, next);
      } finally {
        rebuilds.delete(p);
      }
    })(),
  };
  rebuilds.set(p, entry);
  return entry.done;
}

/** The channel on which payments tells other processes that their engines must learn a change. */
export const PAYMENTS_CHANNEL = 'tartip_payments';
/** `ids`: the watchlist entries added (absent: reload the whole list, e.g. a batch too big for a notice). */
export type PaymentsChange = { kind: 'rule_set' } | { kind: 'links' } | { kind: 'watchlist'; ids?: string[] };
/** A notice's payload stays under PostgreSQL's 8,000 bytes: at most this many entry ids (36 characters each). */
const MAX_NOTICE_IDS = 150;

/**
 * What an engine does with a change another process made; the stored rule set or entries are read once
 * per notice. `resync`: the listening connection was lost and reopened, so notices may have been missed:
 * load everything stored again.
 */
type ChangeHandlers = {
  ruleSet(rs: RuleSet): void;
  watchlist(entries: readonly WatchEntry[]): void;
  links?(): Promise<void>;
  resync(): Promise<void>;
};

const failed = (e: unknown) => process.stderr.write(`payments: a change from another process was not applied: ${(e as Error).message}\n`);

function onChanges(p: Platform, h: ChangeHandlers): Promise<void> {
  return p.notifications.subscribe(
    PAYMENTS_CHANNEL,
    (m) => {
      const c = m as PaymentsChange;
      if (c.kind === 'links') h.links?.().catch(failed);
      else if (c.kind === 'rule_set')
        storedActiveRuleSet(p.db)
          .then((rs) => rs && h.ruleSet(rs))
          .catch(failed);
      else if (c.kind === 'watchlist') storedWatchlist(p.db, c.ids).then(h.watchlist).catch(failed);
    },
    () => void h.resync().catch(failed),
  );
}

/**
 * A serving process's live scorer learns what another process changed: an activated rule set and new
 * watchlist entries at once; a KYC link import, or a lost and reopened listening connection, by a rebuild
 * in the background (decisions go on meanwhile). Called by the module's warm-up.
 */
export function followChangesLive(p: Platform): Promise<void> {
  return onChanges(p, {
    ruleSet: (rs) => scorers.get(p)?.useRuleSet(rs),
    watchlist: (ws) => {
      const s = scorers.get(p);
      for (const w of ws) s?.addWatch(w);
    },
    links: () => rebuildLiveScorer(p),
    resync: () => rebuildLiveScorer(p),
  });
}

/**
 * The NATS partition workers' engines follow activated rule sets and watchlist entries (not links: restart
 * the publisher and the workers after a link import, as their partitions depend on them).
 */
export function followChanges(p: Platform, engines: () => readonly PaymentsEngine[]): Promise<void> {
  const ruleSet = (rs: RuleSet) => engines().forEach((e) => e.useRuleSet(rs));
  const watchlist = (ws: readonly WatchEntry[]) => engines().forEach((e) => ws.forEach((w) => e.addWatch(w)));
  return onChanges(p, {
    ruleSet,
    watchlist,
    links: async () => {
      process.stderr.write('payments: KYC links were imported; restart the publisher and the workers to route by them\n');
    },
    resync: async () => {
      const rs = await storedActiveRuleSet(p.db);
      if (rs) ruleSet(rs);
      watchlist(await storedWatchlist(p.db));
    },
  });
}

/** Queues the notice of a change in `tx` (other processes learn it when `tx` commits). */
export function announceChange(p: Platform, tx: Executor, change: PaymentsChange): Promise<void> {
  if (change.kind === 'watchlist' && (change.ids?.length ?? 0) > MAX_NOTICE_IDS) change = { kind: 'watchlist' };
  return p.notifications.send(tx, PAYMENTS_CHANNEL, change);
}

export { isIssue };
