import { buildGraph, hopsFrom, personalisedPageRank, structuralRoles, topRecipient } from './graph.ts';
import { DedupIndex, ReorderBuffer } from './reorder.ts';
import { behaviourReasons, cashoutBehaviour, dropScore, features, ramp, type Features } from './rules.ts';
import { AccountState, EdgeStore, WINDOW } from './state.ts';
import { CASH, maskAccount, type AccountResult, type Role, type Tx } from './types.ts';

/** A watchlist entry: an identifier known from another source (blocked card, advertised phone…). */
export type WatchEntry = { identifier: string; type: string; source: string };

export type EngineOptions = {
  /** Rows held for reordering (input disordered by fewer rows gives the sorted result). */
  reorderCapacity?: number;
  /** Score at or above which an account is flagged. */
  threshold?: number;
  watchlist?: readonly WatchEntry[];
};

export type EngineStats = {
  accounts: number;
  activeWindows: number;
  windowEntries: number;
  edges: number;
  dedupIds: number;
  reorderBuffered: number;
  late: number;
  duplicates: number;
  processed: number;
};

/** Default flag threshold (chosen on validation runs of the simulator, see docs/modules/payments.md). */
export const FLAG_THRESHOLD = 0.5;

/** Normalised key for watchlist matching: digits only for card/phone-like ids, else the id as is. */
export function watchKey(id: string): string {
  const d = id.replace(/[^0-9]/g, '');
  return d.length >= 10 ? d : id.trim().toLowerCase();
}

/**
 * The offline/online scoring engine: feed transactions one at a time (`ingest`), then `results()`.
 * No I/O: a CLI, an API or a worker owns the input and the output.
 */
export class PaymentsEngine {
  private readonly ids = new Map<string, number>();
  private readonly accounts: AccountState[] = [];
  private readonly active: AccountState[] = [];
  private readonly edges = new EdgeStore();
  private readonly dedup = new DedupIndex();
  private readonly reorder: ReorderBuffer;
  private readonly watch = new Map<string, WatchEntry>();
  private readonly threshold: number;
  // Per payer: total sent along edges and the biggest single edge (edges only grow, so the max is exact).
  private outEdgeSum = new Float64Array(1024);
  private topOutSum = new Float64Array(1024);
  private now = -Infinity;
  private start = Infinity;
  private sinceSweep = 0;
  private lastSweep = -Infinity;
  duplicates = 0;
  processed = 0;

  constructor(opts: EngineOptions = {}) {
    this.reorder = new ReorderBuffer(opts.reorderCapacity ?? 1 << 16, (tx, late) => this.apply(tx, late));
    this.threshold = opts.threshold ?? FLAG_THRESHOLD;
    for (const w of opts.watchlist ?? []) this.watch.set(watchKey(w.identifier), w);
  }

  /** Adds one transaction; returns false when its id was already seen (it is then ignored). */
  ingest(tx: Tx): boolean {
    if (this.dedup.seen(tx.id)) {
      this.duplicates++;
      return false;
    }
    this.reorder.push(tx);
    return true;
  }

  private account(id: string): AccountState {
    let i = this.ids.get(id);
    if (i === undefined) {
      i = this.accounts.length;
      this.ids.set(id, i);
      this.accounts.push(new AccountState(i, id));
    }
    return this.accounts[i] as AccountState;
  }

  private apply(tx: Tx, isLate: boolean): void {
    this.processed++;
    if (tx.ts > this.now) this.now = tx.ts;
    if (tx.ts < this.start) this.start = tx.ts;
    const payer = this.account(tx.payer);
    payer.touch(tx.ts);
    let e = -1;
    if (tx.payee !== CASH) {
      const payee = this.account(tx.payee);
      payee.touch(tx.ts);
      payee.credit(tx, payer.index, isLate);
      this.markActive(payee);
      e = this.edges.add(payer.index, payee.index, tx.amount, tx.channel);
      this.trackTop(payer.index, this.edges.sum[e] as number, tx.amount);
    }
    payer.debit(tx, isLate, (fast) => {
      if (e >= 0) this.edges.fast[e] = (this.edges.fast[e] as number) + fast;
    });
    // Sweep every 64k rows or every hour of event time, whichever comes first.
    if (++this.sinceSweep >= 65536 || this.now - this.lastSweep >= 3_600_000) this.sweep();
  }

  private trackTop(v: number, edgeSum: number, amount: number): void {
    if (v >= this.outEdgeSum.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(Math.max(v + 1, a.length * 2));
        b.set(a);
        return b;
      };
      this.outEdgeSum = grow(this.outEdgeSum);
      this.topOutSum = grow(this.topOutSum);
    }
    this.outEdgeSum[v] = (this.outEdgeSum[v] as number) + amount;
    if (edgeSum > (this.topOutSum[v] as number)) this.topOutSum[v] = edgeSum;
  }

  /** True when the engine has seen the account (as payer or payee). */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * A cheap score of one account from its own behaviour and the watchlist (no graph pass): for
   * real-time decisions between full `results()` runs. Null when the account was never seen.
   * Does not flush the reorder buffer: it answers on what has been applied so far.
   */
  liveResult(id: string): AccountResult | null {
    const v = this.ids.get(id);
    if (v === undefined) return null;
    const a = this.accounts[v] as AccountState;
    const f = features(a, { start: this.start, end: this.now });
    const total = (this.outEdgeSum[v] as number | undefined) ?? 0;
    const share = total > 0 ? (this.topOutSum[v] as number) / total : 0;
    let score = dropScore(f, share);
    const reasons: string[] = [];
    const w = this.watch.get(watchKey(id));
    if (w) {
      score = Math.max(score, 0.9);
      reasons.push(`on watchlist (${w.type}, source ${w.source})`);
    }
    reasons.push(...behaviourReasons(f, null, 5 - reasons.length));
    const isFlagged = score >= this.threshold;
    return { account: id, score: Math.round(score * 1000) / 1000, flag: isFlagged, role: isFlagged ? 'drop' : null, reasons };
  }

  /** Adds a watchlist entry while running (e.g. an analyst's new entry). */
  addWatch(w: WatchEntry): void {
    this.watch.set(watchKey(w.identifier), w);
  }

  private markActive(a: AccountState): void {
    if (a.isActive) return;
    a.isActive = true;
    this.active.push(a);
  }

  /** Releases the windows of accounts idle for longer than the retention (event time). */
  private sweep(): void {
    this.sinceSweep = 0;
    this.lastSweep = this.now;
    const cutoff = this.now - WINDOW.retainMs;
    let w = 0;
    for (const a of this.active) {
      if (a.lastTs < cutoff) a.release();
      else this.active[w++] = a;
    }
    this.active.length = w;
  }

  /** Flushes the reorder buffer (end of input). */
  flush(): void {
    this.reorder.drain();
  }

  stats(): EngineStats {
    let entries = 0;
    for (const a of this.active) entries += a.windowEntries();
    return {
      accounts: this.accounts.length,
      activeWindows: this.active.length,
      windowEntries: entries,
      edges: this.edges.size,
      dedupIds: this.dedup.size,
      reorderBuffered: this.reorder.size,
      late: this.reorder.lateCount,
      duplicates: this.duplicates,
      processed: this.processed,
    };
  }

  /** Scores every account seen (rules, then graph structure and propagation). Flushes first. */
  results(): AccountResult[] {
    this.flush();
    const n = this.accounts.length;
    const period = { start: this.start, end: this.now };
    const g = buildGraph(n, this.edges);
    const feats: Features[] = new Array<Features>(n);
    const inSum = new Float64Array(n);
    const drop = new Float64Array(n);
    const seed = new Float64Array(n);
    const cashB = new Float64Array(n);
    const tops = new Array<{ to: number; share: number }>(n);
    for (let v = 0; v < n; v++) {
      const a = this.accounts[v] as AccountState;
      const f = features(a, period);
      feats[v] = f;
      inSum[v] = a.inSum;
      const top = topRecipient(g, v);
      tops[v] = top;
      drop[v] = dropScore(f, top.share);
      cashB[v] = cashoutBehaviour(f);
      if (this.watch.has(watchKey(a.id))) seed[v] = 0.9;
    }
    const roles = structuralRoles(g, inSum, feats, drop, seed, cashB);
    const seeds = new Float64Array(n);
    for (let v = 0; v < n; v++)
      seeds[v] = Math.max(seed[v] as number, (roles.illicit[v] as number) >= 0.5 ? (roles.illicit[v] as number) : 0);
    const ppr = personalisedPageRank(g, seeds);
    const watchHops = hopsFrom(g, (v) => (seed[v] as number) > 0);
    const out: AccountResult[] = [];
    for (let v = 0; v < n; v++) {
      const a = this.accounts[v] as AccountState;
      const f = feats[v] as Features;
      const candidates: [Role, number][] = [
        ['drop', roles.drop[v] as number],
        ['collector', roles.collector[v] as number],
        ['cashout', roles.cashout[v] as number],
        ['shop_owner', roles.owner[v] as number],
      ];
      candidates.sort((x, y) => y[1] - x[1]);
      const role = (candidates[0] as [Role, number])[0];
      let score = (candidates[0] as [Role, number])[1];
      const reasons: string[] = [];
      const hops = watchHops.hops[v] as number;
      if (hops >= 0) {
        const w = this.watch.get(watchKey((this.accounts[watchHops.via[v] as number] as AccountState).id)) as WatchEntry;
        const label = `${w.type} ${maskAccount(w.identifier)}`;
        if (hops === 0) {
          score = Math.max(score, 0.9);
          reasons.push(`on watchlist (${w.type}, source ${w.source})`);
        } else {
          if (score >= 0.2) score = Math.min(1, score + (hops === 1 ? 0.25 : 0.1));
          reasons.push(`${hops} hop${hops > 1 ? 's' : ''} from watchlisted ${label}`);
        }
      }
      const rank = ppr[v] as number;
      if (score >= 0.25 && score < this.threshold && rank >= 20) score = Math.min(1, score + 0.15 * ramp(Math.log10(rank), 1.3, 2.5));
      const isFlagged = score >= this.threshold;
      if (role === 'collector' && (roles.collector[v] as number) > 0.2)
        reasons.push('receives from several drop-like accounts and passes the money on');
      if (role === 'cashout' && (roles.cashout[v] as number) > 0.2)
        reasons.push('cash withdrawals or crypto purchases after illicit inflow');
      if (role === 'shop_owner' && (roles.owner[v] as number) > 0.2) reasons.push('receives and keeps money from collector accounts');
      const top = tops[v] as { to: number; share: number };
      const topLabel = top.to >= 0 ? maskAccount((this.accounts[top.to] as AccountState).id) : '';
      reasons.push(...behaviourReasons(f, top.to >= 0 ? { label: topLabel, share: top.share } : null, 5 - reasons.length));
      if (rank >= 20 && reasons.length < 6 && score >= 0.25)
        reasons.push(`money-flow rank ${Math.round(rank)}× average from flagged seeds`);
      out.push({
        account: a.id,
        score: Math.round(score * 1000) / 1000,
        flag: isFlagged,
        role: isFlagged ? role : null,
        reasons: reasons.slice(0, 6),
      });
    }
    return out;
  }
}
