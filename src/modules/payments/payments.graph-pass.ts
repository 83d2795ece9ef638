import { Worker } from 'node:worker_threads';
import type { PaymentsEngine, WatchEntry } from './engine/engine.ts';
import { asCompiled, type CompiledRuleSet, type RuleSet } from './engine/rule-set.ts';
import type { AccountResult, Tx } from './engine/types.ts';

/** What the live engine was told, in its order, mirrored to the graph pass's own engine. */
export type GraphOp = { tx: Tx } | { watch: WatchEntry } | { ruleSet: RuleSet };
export type GraphRequest = { kind: 'ops'; ops: GraphOp[] } | { kind: 'pass'; id: number };
/** An account's verdict in a graph pass, and its own-behaviour (live) score at that moment. */
export type GraphVerdict = { result: AccountResult; liveScore: number };
export type GraphReply =
  { kind: 'pass'; id: number; ms: number; accounts: number; verdicts: GraphVerdict[] } | { kind: 'error'; id: number; message: string };

/** A pass reports the accounts that it, or their live score, flags or scores at least this (the rest change little). */
const REPORT_MIN_SCORE = 0.2;
/**
 * One pass over an engine (the mirror): every account's full verdict, reported where it or the account's
 * own-behaviour score flags or reaches `minScore`, with that live score (looked at without marking).
 */
export function graphVerdicts(engine: PaymentsEngine, minScore = REPORT_MIN_SCORE): { accounts: number; verdicts: GraphVerdict[] } {
  const out = engine.results();
  const verdicts: GraphVerdict[] = [];
  for (const r of out) {
    const live = engine.liveResult(r.account, false);
    const liveScore = live?.score ?? 0;
    if (r.flag || r.score >= minScore || live?.flag || liveScore >= minScore) verdicts.push({ result: r, liveScore });
  }
  return { accounts: out.length, verdicts };
}

/** Mirrored operations are sent in batches: at most this many, or after this long. */
const BATCH_OPS = 4096;
const BATCH_MS = 20;

/** The last completed pass: when it was computed, how long it took, how many accounts it scored and reported. */
export type GraphPassStats = { at: Date; ms: number; accounts: number; reported: number; flagged: number };

/**
 * The full graph analysis (rule set v3: structural roles, money-flow rank, hops from the watchlist, shared
 * customers, collectors' aliases) for real-time decisions. It runs in a worker thread on a mirror of the
 * live engine, every `intervalMs` (0: only when asked), so a decision never waits for it; a decision then
 * takes the last pass's verdict on its account (`withGraph`). The mirror doubles the live engine's memory.
 */
export class GraphPass {
  readonly #worker: Worker;
  #ops: GraphOp[] = [];
  #flushTimer: NodeJS.Timeout | undefined;
  readonly #passTimer: NodeJS.Timeout | undefined;
  readonly #waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #running: Promise<void> | null = null;
  #failed: Error | null = null;
  /** The last pass's verdicts by engine entity id. */
  overlay: ReadonlyMap<string, GraphVerdict> = new Map();
  last: GraphPassStats | null = null;

  /** `onPass`: called with each pass's verdicts (e.g. to raise alerts for accounts no decision is about). */
  constructor(
    readonly intervalMs: number,
    private readonly onPass?: (verdicts: readonly GraphVerdict[]) => Promise<void>,
  ) {
    this.#worker = new Worker(new URL('./payments.graph-pass.worker.mjs', import.meta.url));
    this.#worker.unref();
    this.#worker.on('message', (m: GraphReply) => this.#reply(m));
    this.#worker.on('error', (e) => this.#fail(e));
    this.#worker.on('exit', (code) => this.#fail(new Error(`graph pass worker exited (${code})`)));
    if (intervalMs > 0) {
      this.#passTimer = setInterval(() => {
        this.run().catch((e: unknown) => process.stderr.write(`payments graph pass: ${(e as Error).message}\n`));
      }, intervalMs);
      this.#passTimer.unref();
    }
  }

  tx(tx: Tx): void {
    this.#push({ tx });
  }

  watch(entry: WatchEntry): void {
    this.#push({ watch: entry });
  }

  ruleSet(rs: RuleSet | CompiledRuleSet): void {
    this.#push({ ruleSet: asCompiled(rs).source });
  }

  #push(op: GraphOp): void {
    if (this.#failed) return;
    this.#ops.push(op);
    if (this.#ops.length >= BATCH_OPS) this.#flush();
    else if (!this.#flushTimer) {
      this.#flushTimer = setTimeout(() => this.#flush(), BATCH_MS);
      this.#flushTimer.unref();
    }
  }

  #flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#ops.length === 0 || this.#failed) return;
    this.#worker.postMessage({ kind: 'ops', ops: this.#ops } satisfies GraphRequest);
    this.#ops = [];
  }

  /** Runs a pass over everything told so far (one at a time: a call during a pass waits for that one). */
  run(): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    this.#running ??= new Promise<void>((resolve, reject) => {
      this.#flush();
      const id = this.#nextId++;
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ kind: 'pass', id } satisfies GraphRequest);
    }).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #reply(m: GraphReply): void {
    const w = this.#waiting.get(m.id);
    this.#waiting.delete(m.id);
    if (m.kind === 'error') return w?.reject(new Error(m.message));
    this.overlay = new Map(m.verdicts.map((v) => [v.result.account, v]));
    const flagged = m.verdicts.filter((v) => v.result.flag).length;
    this.last = { at: new Date(), ms: m.ms, accounts: m.accounts, reported: m.verdicts.length, flagged };
    if (!this.onPass) return w?.resolve();
    this.onPass(m.verdicts).then(
      () => w?.resolve(),
      (e: unknown) => (w ? w.reject(e as Error) : process.stderr.write(`payments graph pass: ${(e as Error).message}\n`)),
    );
  }

  #fail(e: Error, isStop = false): void {
    if (this.#failed) return;
    this.#failed = e;
    clearInterval(this.#passTimer);
    if (!isStop) {
      // a verdict that can no longer be renewed must not stand: decisions fall back to the live rules
      this.overlay = new Map();
      process.stderr.write(`payments graph pass stopped: ${e.message}; decisions use the live rules alone\n`);
    }
    for (const w of this.#waiting.values()) w.reject(e);
    this.#waiting.clear();
  }

  /** Stops the passes and the worker (the last overlay stays; a failed worker's is dropped). */
  async stop(): Promise<void> {
    clearInterval(this.#passTimer);
    clearTimeout(this.#flushTimer);
    this.#fail(new Error('graph pass stopped'), true);
    await this.#worker.terminate();
  }
}

/** How much an account's live score may rise after a pass before its own behaviour counts again. */
const LIVE_RISE = 0.05;

/**
 * An account's live result with the last graph pass's verdict. The pass sees the whole network, so its
 * verdict stands (it also clears look-alikes that the account's own behaviour alone would flag) unless
 * the account's live score rose since the pass: then the higher of the two. With no verdict (an account
 * new since the pass, or one the pass found unremarkable), the live result.
 */
export function withGraph(live: AccountResult, verdict: GraphVerdict | undefined, at: Date | undefined): AccountResult {
  if (!verdict) return live;
  const graph = verdict.result;
  if (live.score > verdict.liveScore + LIVE_RISE && graph.score <= live.score) return live;
  const when = at ? ` (graph pass of ${at.toISOString().slice(0, 19)}Z)` : ' (graph pass)';
  const reasons = graph.reasons.length > 0 ? graph.reasons.slice(0, 6) : ['no network pattern found'];
  return {
    ...live,
    score: graph.score,
    flag: graph.flag,
    role: graph.role,
    reasons: reasons.map((r, i) => (i === 0 ? `${r}${when}` : r)),
    rules: graph.rules,
  };
}
