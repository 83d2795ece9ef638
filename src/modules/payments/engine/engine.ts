import { buildGraph, hopsFrom, inflowFrom, personalisedPageRank, sharedPayers, structuralRoles, topRecipient } from './graph.ts';
import { DedupIndex, ReorderBuffer } from './reorder.ts';
import { asCompiled, type CompiledRuleSet, type RuleId, type RuleSet } from './rule-set.ts';
import { behaviourReasons, cashoutBehaviour, dropFromParts, dropParts, features, firedDropRules, rampR, type Features } from './rules.ts';
import { AccountState, EdgeStore, WINDOW } from './state.ts';
import { CASH, CH, maskAccount, type AccountResult, type Role, type Tx } from './types.ts';

/** A watchlist entry: an identifier known from another source (blocked card, advertised phone…). */
/** A watchlisted identifier; `label` is how reasons name it (default: its type and masked identifier). */
export type WatchEntry = { identifier: string; type: string; source: string; label?: string };

export type EngineOptions = {
  /** Rows held for reordering (input disordered by fewer rows gives the sorted result). */
  reorderCapacity?: number;
  /** Score at or above which an account is flagged (overrides the rule set's thresholds). */
  threshold?: number;
  /** Rules and thresholds (default: data/rule-set.v3.json). */
  ruleSet?: RuleSet | CompiledRuleSet;
  /** Called with each transaction as it is applied (after reordering), e.g. to score its accounts live. */
  onApply?: (tx: Tx) => void;
  /** Fewest edges before cold edges are evicted (default 1,048,576; smaller inputs keep every edge). */
  edgeCompactMin?: number;
  watchlist?: readonly WatchEntry[];
};

export type EngineStats = {
  accounts: number;
  activeWindows: number;
  windowEntries: number;
  edges: number;
  evictedEdges: number;
  dedupIds: number;
  reorderBuffered: number;
  late: number;
  duplicates: number;
  processed: number;
};

/** Fewest edges before cold edges are evicted (small inputs keep every edge, exactly as before). */
const EDGE_COMPACT_MIN = 1 << 20;
const PURCHASE_ONLY = 1 << CH.card_purchase;

/** Default flag threshold (the shipped rule set's; chosen on validation runs of the simulator). */
export const FLAG_THRESHOLD = asCompiled(undefined).flagThreshold;

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
  private readonly thresholdOverride: number | undefined;
  private rules: CompiledRuleSet;
  // Per payer: total sent along edges and the biggest single edge (edges only grow, so the max is exact).
  private outEdgeSum = new Float64Array(1024);
  private topOutSum = new Float64Array(1024);
  // Per payer: person-to-person (non-purchase) money sent to accounts, kept when cold edges are evicted.
  private outFlow = new Float64Array(1024);
  // Edge count at which cold edges between two unremarkable accounts are next evicted.
  private compactAt: number;
  private readonly compactMin: number;
  private now = -Infinity;
  private start = Infinity;
  private sinceSweep = 0;
  private lastSweep = -Infinity;
  duplicates = 0;
  processed = 0;

  constructor(opts: EngineOptions = {}) {
    const onApply = opts.onApply;
    this.reorder = new ReorderBuffer(
      opts.reorderCapacity ?? 1 << 16,
      onApply
        ? (tx, late) => {
            this.apply(tx, late);
            onApply(tx);
          }
        : (tx, late) => this.apply(tx, late),
    );
    this.thresholdOverride = opts.threshold;
    this.rules = asCompiled(opts.ruleSet);
    this.compactMin = opts.edgeCompactMin ?? EDGE_COMPACT_MIN;
    this.compactAt = this.compactMin;
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
      const a = new AccountState(i, id);
      if (this.watch.size > 0 && this.watch.has(watchKey(id))) a.mark = 2;
      this.accounts.push(a);
    }
    return this.accounts[i] as AccountState;
  }

  /** Live graph context: money exchanged with flagged or watchlisted accounts (from the moment they were). */
  private trackNeighbours(payer: AccountState, payee: AccountState, amount: number): void {
    if (payer.mark > 0) {
      payee.nbrIn += amount;
      if (payee.nbrVia === payer.index || amount > payee.nbrViaSum) {
        payee.nbrViaSum = payee.nbrVia === payer.index ? payee.nbrViaSum + amount : amount;
        payee.nbrVia = payer.index;
      }
    }
    if (payee.mark > 0) {
      payer.nbrOut += amount;
      if (payer.nbrVia === payee.index || amount > payer.nbrViaSum) {
        payer.nbrViaSum = payer.nbrVia === payee.index ? payer.nbrViaSum + amount : amount;
        payer.nbrVia = payee.index;
      }
    }
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
      if (payer.mark > 0 || payee.mark > 0) this.trackNeighbours(payer, payee, tx.amount);
      e = this.edges.add(payer.index, payee.index, tx.amount, tx.channel, tx.ts);
      this.trackTop(payer.index, this.edges.sum[e] as number, tx.amount, tx.channel !== CH.card_purchase);
    }
    payer.debit(tx, isLate, (fast) => {
      if (e >= 0) this.edges.fast[e] = (this.edges.fast[e] as number) + fast;
    });
    // Sweep every 64k rows or every hour of event time, whichever comes first.
    if (++this.sinceSweep >= 65536 || this.now - this.lastSweep >= 3_600_000) this.sweep();
  }

  private trackTop(v: number, edgeSum: number, amount: number, isFlow: boolean): void {
    if (v >= this.outEdgeSum.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(Math.max(v + 1, a.length * 2));
        b.set(a);
        return b;
      };
      this.outEdgeSum = grow(this.outEdgeSum);
      this.topOutSum = grow(this.topOutSum);
      this.outFlow = grow(this.outFlow);
    }
    if (isFlow) this.outFlow[v] = (this.outFlow[v] as number) + amount;
    this.outEdgeSum[v] = (this.outEdgeSum[v] as number) + amount;
    if (edgeSum > (this.topOutSum[v] as number)) this.topOutSum[v] = edgeSum;
  }

  /** True when the engine has seen the account (as payer or payee). */
  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Switches the rules and thresholds at run time (the next score uses them; state is kept). */
  useRuleSet(ruleSet: RuleSet | CompiledRuleSet): void {
    this.rules = asCompiled(ruleSet);
  }

  /** Version of the rule set in use. */
  get ruleSetVersion(): string {
    return this.rules.version;
  }

  /** The flag threshold of a role (a `threshold` option overrides the rule set). */
  thresholdOf(role: Role | null): number {
    return this.thresholdOverride ?? (role ? this.rules.roleThresholds[role] : this.rules.flagThreshold);
  }

  /**
   * A cheap score of one account from its own behaviour and the watchlist (no graph pass): for
   * real-time decisions between full `results()` runs. Null when the account was never seen.
   * Does not flush the reorder buffer: it answers on what has been applied so far. A flagged account
   * counts as a flagged neighbour from then on, unless `markFlagged` is false (a look that decides nothing).
   */
  liveResult(id: string, markFlagged = true): AccountResult | null {
    const v = this.ids.get(id);
    if (v === undefined) return null;
    const p = this.rules.p;
    const a = this.accounts[v] as AccountState;
    const f = features(a, { start: this.start, end: this.now }, p);
    const total = (this.outEdgeSum[v] as number | undefined) ?? 0;
    const share = total > 0 ? (this.topOutSum[v] as number) / total : 0;
    const parts = dropParts(f, share, p);
    let score = dropFromParts(parts, p);
    const rules: RuleId[] = score > 0 ? firedDropRules(parts, p) : [];
    const reasons: string[] = [];
    const w = p.watchlist.on ? this.watch.get(watchKey(id)) : undefined;
    if (w) {
      score = Math.max(score, p.watchlist.score);
      reasons.push(`on watchlist (${w.type}, source ${w.source})`);
      rules.push('watchlist');
    }
    let role: Role = 'drop';
    const nb = p.flagged_neighbour;
    if (nb.on && a.nbrVia >= 0 && !w) {
      const share = (a.nbrIn + a.nbrOut) / Math.max(1, a.inSum + a.outSum);
      const x = rampR(share, nb.neighbourShare);
      if (x > 0 && score >= nb.minScoreForBoost) {
        score = Math.min(1, score + nb.boost * x);
        const via = this.accounts[a.nbrVia] as AccountState;
        const what = via.mark === 2 ? 'watchlisted' : 'flagged';
        const dir = a.nbrIn >= a.nbrOut ? 'from' : 'to';
        reasons.push(`${Math.round(share * 100)}% of its money ${dir} ${what} accounts (mostly ${maskAccount(via.id)})`);
        rules.push('flagged_neighbour');
        // Money arriving from flagged drops and leaving again: the next layer, not a drop itself.
        if (a.nbrIn > a.nbrOut) role = f.cashCryptoOutShare >= 0.4 ? 'cashout' : 'collector';
      }
    }
    reasons.push(...behaviourReasons(f, null, 5 - reasons.length, p));
    const isFlagged = score >= this.thresholdOf(role);
    if (isFlagged && a.mark === 0 && markFlagged) a.mark = 1;
    return { account: id, score: Math.round(score * 1000) / 1000, flag: isFlagged, role: isFlagged ? role : null, reasons, rules };
  }

  /** Adds a watchlist entry while running (e.g. an analyst's new entry). */
  addWatch(w: WatchEntry): void {
    const k = watchKey(w.identifier);
    this.watch.set(k, w);
    const v = this.ids.get(w.identifier) ?? this.ids.get(k);
    if (v !== undefined) (this.accounts[v] as AccountState).mark = 2;
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
    if (this.edges.size >= this.compactAt) this.evictColdEdges();
  }

  /**
   * Keeps the edge store bounded by the window rather than by history: edges idle for longer than the
   * retention whose two ends both look unremarkable (no pass-through, no fast forwarding, no cash-out,
   * not watchlisted) are dropped; pure card purchases (not part of the flow graph) once idle. Per-account
   * totals stay exact (they live on the accounts); only these edges leave the graph.
   */
  private evictColdEdges(): void {
    const n = this.accounts.length;
    const notable = new Uint8Array(n);
    for (let v = 0; v < n; v++) notable[v] = this.isNotable(this.accounts[v] as AccountState) ? 1 : 0;
    const cutoff = Math.floor((this.now - WINDOW.retainMs) / 60_000);
    const ed = this.edges;
    ed.compact((e) => {
      if ((ed.lastMin[e] as number) >= cutoff) return true;
      if ((ed.chan[e] as number) === PURCHASE_ONLY) return false;
      return notable[ed.src[e] as number] === 1 || notable[ed.dst[e] as number] === 1;
    });
    this.compactAt = Math.max(this.compactMin, Math.ceil(ed.size * 1.5));
  }

  /**
   * Could this account take part in a drop / collector / cash-out structure? (keeps its edges): it
   * forwards person-to-person money within the hour, or cashes out what it receives, or is watchlisted
   * or flagged. Owners and buyers keep their edges through the notable account at the other end.
   */
  private isNotable(a: AccountState): boolean {
    if (a.mark > 0) return true;
    if (this.watch.size > 0 && this.watch.has(watchKey(a.id))) return true;
    if (a.inSum <= 0) return false;
    const p2p = a.inP2p || 1;
    return a.fwdHour > 0.3 * p2p || a.fwdSlow > 0.6 * p2p || (a.outSum > 0 && a.outCash + a.outCrypto > 0.4 * a.outSum);
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
      evictedEdges: this.edges.evicted,
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
    const p = this.rules.p;
    const n = this.accounts.length;
    const period = { start: this.start, end: this.now };
    const g = buildGraph(n, this.edges);
    const feats: Features[] = new Array<Features>(n);
    const fired: RuleId[][] = new Array<RuleId[]>(n);
    const inSum = new Float64Array(n);
    const drop = new Float64Array(n);
    const seed = new Float64Array(n);
    const cashB = new Float64Array(n);
    const tops = new Array<{ to: number; share: number }>(n);
    for (let v = 0; v < n; v++) {
      const a = this.accounts[v] as AccountState;
      const f = features(a, period, p);
      feats[v] = f;
      inSum[v] = a.inSum;
      const top = topRecipient(g, v, this.outFlow[v] ?? 0);
      tops[v] = top;
      const parts = dropParts(f, top.share, p);
      drop[v] = dropFromParts(parts, p);
      fired[v] = (drop[v] as number) > 0 ? firedDropRules(parts, p) : [];
      cashB[v] = cashoutBehaviour(f, p);
      if (p.watchlist.on && this.watch.has(watchKey(a.id))) seed[v] = p.watchlist.score;
    }
    const roles = structuralRoles(g, inSum, feats, drop, seed, cashB, p, this.outFlow);
    const pr = p.money_flow_rank;
    const seeds = new Float64Array(n);
    for (let v = 0; v < n; v++)
      seeds[v] = Math.max(seed[v] as number, (roles.illicit[v] as number) >= pr.seedMin ? (roles.illicit[v] as number) : 0);
    const ppr = pr.on ? personalisedPageRank(g, seeds) : new Float64Array(n);
    const watchHops = hopsFrom(g, (v) => (seed[v] as number) > 0, p.watchlist.maxHops);
    const flagAt = this.thresholdOf(null);
    const out: AccountResult[] = [];
    for (let v = 0; v < n; v++) {
      const a = this.accounts[v] as AccountState;
      const f = feats[v] as Features;
      const rules = fired[v] as RuleId[];
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
        const label = w.label ?? `${w.type} ${maskAccount(w.identifier)}`;
        rules.push('watchlist');
        if (hops === 0) {
          score = Math.max(score, p.watchlist.score);
          reasons.push(`on watchlist (${w.type}, source ${w.source})`);
        } else {
          if (score >= p.watchlist.minScoreForBoost)
            score = Math.min(1, score + (hops === 1 ? p.watchlist.boostHop1 : p.watchlist.boostHop2));
          reasons.push(`${hops} hop${hops > 1 ? 's' : ''} from watchlisted ${label}`);
        }
      }
      const rank = ppr[v] as number;
      const isRanked = pr.on && rank >= pr.minRank && score >= pr.minScore;
      if (isRanked && score < flagAt) {
        score = Math.min(1, score + pr.boost * rampR(Math.log10(rank), pr.log10Rank));
        rules.push('money_flow_rank');
      }
      const isFlagged = score >= this.thresholdOf(role);
      if (role === 'collector' && (roles.collector[v] as number) > p.collector.reasonMin) {
        reasons.push('receives from several drop-like accounts and passes the money on');
        rules.push('collector');
      }
      if (role === 'cashout' && (roles.cashout[v] as number) > p.cashout_flow.reasonMin) {
        reasons.push('cash withdrawals or crypto purchases after illicit inflow');
        rules.push('cashout_flow');
      }
      if (role === 'shop_owner' && (roles.owner[v] as number) > p.shop_owner.reasonMin) {
        reasons.push('receives and keeps money from collector accounts');
        rules.push('shop_owner');
      }
      if (role === 'drop' && (roles.drop[v] as number) > (drop[v] as number) + 0.05) rules.push('feeder');
      if ((cashB[v] as number) >= 0.5) rules.push('cashout_behaviour');
      const top = tops[v] as { to: number; share: number };
      const topLabel = top.to >= 0 ? maskAccount((this.accounts[top.to] as AccountState).id) : '';
      reasons.push(...behaviourReasons(f, top.to >= 0 ? { label: topLabel, share: top.share } : null, 5 - reasons.length, p));
      if (isRanked && reasons.length < 6) reasons.push(`money-flow rank ${Math.round(rank)}× average from flagged seeds`);
      out.push({
        account: a.id,
        score: Math.round(score * 1000) / 1000,
        flag: isFlagged,
        role: isFlagged ? role : null,
        reasons: reasons.slice(0, 6),
        rules: [...new Set(rules)],
      });
    }
    this.sharedCustomers(g, out);
    this.collectingAliases(g, out);
    return out;
  }

  /** Rule set v3: unflagged accounts fed by several flagged drops are collectors (a collector's alias). */
  private collectingAliases(g: ReturnType<typeof buildGraph>, out: AccountResult[]): void {
    const c = this.rules.p.collector;
    if (!c.on || !c.aliasDropSenders || !c.aliasFromDropsShare) return;
    const { senders, share } = inflowFrom(g, isFlaggedDrop(out));
    const flagAt = this.thresholdOf('collector');
    for (let v = 0; v < out.length; v++) {
      const r = out[v] as AccountResult;
      const n = senders[v] as number;
      if (r.flag || n === 0) continue;
      const score = 0.9 * rampR(n, c.aliasDropSenders) * rampR(share[v] as number, c.aliasFromDropsShare);
      if (score <= r.score) continue;
      const reason = `${n} flagged drop accounts send it ${Math.round((share[v] as number) * 100)}% of its inflow`;
      out[v] = raised(r, score, score >= flagAt ? 'collector' : null, reason, 'collector');
    }
  }

  /** Rule set v3: unflagged accounts paid largely by the customers of flagged drops join them as drops. */
  private sharedCustomers(g: ReturnType<typeof buildGraph>, out: AccountResult[]): void {
    const pr = this.rules.p.money_flow_rank;
    const { sharedPayers: many, sharedPayerShare: share, sharedMinScore: minScore, sharedBoost: boost } = pr;
    if (!pr.on || !many || !share || minScore === undefined || boost === undefined) return;
    const { payers, shared } = sharedPayers(g, isFlaggedDrop(out));
    const flagAt = this.thresholdOf('drop');
    for (let v = 0; v < out.length; v++) {
      const r = out[v] as AccountResult;
      const s = shared[v] as number;
      if (r.flag || s === 0 || r.score < minScore) continue;
      const strength = rampR(s, many) * rampR(s / (payers[v] as number), share);
      if (strength <= 0) continue;
      const score = Math.min(1, r.score + boost * strength);
      const reason = `${s} of its ${payers[v]} payers also paid flagged drop accounts (shared customers)`;
      out[v] = raised(r, score, score >= flagAt ? 'drop' : null, reason, 'money_flow_rank');
    }
  }
}

/** Accounts the first pass flagged as drops (the seeds of rule set v3's graph paths). */
const isFlaggedDrop = (out: readonly AccountResult[]) => (v: number) =>
  (out[v] as AccountResult).flag && (out[v] as AccountResult).role === 'drop';

/** A result raised by a later graph path: new score and role (null = still unflagged), its reason first. */
function raised(r: AccountResult, score: number, role: Role | null, reason: string, rule: RuleId): AccountResult {
  return {
    ...r,
    score: Math.round(score * 1000) / 1000,
    flag: role !== null,
    role,
    reasons: [reason, ...r.reasons].slice(0, 6),
    rules: [...new Set([...r.rules, rule])],
  };
}
