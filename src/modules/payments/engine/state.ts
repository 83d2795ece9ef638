import { CH, type Tx } from './types.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Tunables of the windowed state. */
export const WINDOW = {
  /** Unique payers are counted over this sliding window. */
  uniqueMs: DAY,
  /** Credits older than this are no longer matched against debits (forwarding). */
  matchMs: DAY,
  fastMs: 15 * MIN,
  forwardMs: 60 * MIN,
  slowMs: 6 * HOUR,
  /** Most credits kept in an account's sliding window / forwarding queue (older ones fall off). */
  maxWindow: 512,
  maxQueue: 128,
  /** Caps of the per-account distinct sets; counts saturate there. */
  maxDistinct: 256,
  /** An account idle this long (event time) has its windows released. */
  retainMs: 3 * DAY,
  dormantMs: 14 * DAY,
};

/** Bits of the per-account distinct-payer sketch (linear counting): 128 bytes an account, whatever its history. */
const SKETCH_WORDS = 32;
const SKETCH_BITS = SKETCH_WORDS * 32;

/** Global small dictionary of bank names → bit positions (banks are few; 64 bits per account). */
const bankBits = new Map<string, number>();
function bankBit(bank: string): number {
  let b = bankBits.get(bank);
  if (b === undefined) {
    b = bankBits.size % 64;
    bankBits.set(bank, b);
  }
  return b;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Distinct-count estimate of a linear-counting sketch: exact in practice for a few dozen payers (the
 * range the rules look at), within a few per cent up to the 256 cap.
 */
function sketchCount(words: Uint32Array): number {
  let set = 0;
  for (let i = 0; i < words.length; i++) set += popcount(words[i] as number);
  if (set === 0) return 0;
  if (set >= SKETCH_BITS) return WINDOW.maxDistinct;
  return Math.min(WINDOW.maxDistinct, Math.round(-SKETCH_BITS * Math.log(1 - set / SKETCH_BITS)));
}

/**
 * Per-account aggregates plus small windows (recent credits for unique payers and for credit→debit
 * matching). Windows are bounded by WINDOW caps and released once the account goes idle, so memory grows
 * with the number of accounts (a few hundred bytes each), not with the number of transactions.
 */
export class AccountState {
  firstTs = Infinity;
  lastTs = -Infinity;
  lastCreditTs = -Infinity;
  inCount = 0;
  inSum = 0;
  inP2p = 0;
  inBank = 0;
  inCrypto = 0;
  inPurchase = 0;
  inRange = 0;
  inRound = 0;
  night = 0;
  outCount = 0;
  outSum = 0;
  outPurchase = 0;
  outCash = 0;
  outCrypto = 0;
  outTransfer = 0;
  fwdFast = 0;
  fwdHour = 0;
  fwdSlow = 0;
  fwdDay = 0;
  maxUnique24h = 0;
  burstAfterDormancy = false;
  reactivatedTs = -Infinity;
  creditDays = 0;
  private lastCreditDay = -1;
  // Distinct payers (sketch over payer indexes) and payer banks (bit mask): fixed size, kept for life.
  private payerSketch: Uint32Array | null = null;
  private bankMaskLo = 0;
  private bankMaskHi = 0;
  // Windows (null once released).
  winTs: number[] | null = null;
  winPayer: number[] | null = null;
  winHead = 0;
  winCounts: Map<number, number> | null = null;
  qTs: number[] | null = null;
  qRem: number[] | null = null;
  isActive = false;
  // Live graph context: money from / to accounts flagged live or watchlisted, and the biggest such one.
  nbrIn = 0;
  nbrOut = 0;
  nbrVia = -1;
  nbrViaSum = 0;
  /** 0 = nothing known, 1 = flagged by a live score, 2 = watchlisted. */
  mark = 0;

  constructor(
    readonly index: number,
    readonly id: string,
  ) {}

  get distinctPayers(): number {
    return this.payerSketch ? sketchCount(this.payerSketch) : 0;
  }
  get payerBanks(): number {
    return popcount(this.bankMaskLo) + popcount(this.bankMaskHi);
  }

  touch(ts: number): void {
    if (ts < this.firstTs) this.firstTs = ts;
    if (ts > this.lastTs) {
      if (this.lastTs > -Infinity && ts - this.lastTs > WINDOW.dormantMs) this.reactivatedTs = ts;
      this.lastTs = ts;
    }
  }

  /** A credit from `payer` (account index). Windowed parts are skipped for late rows. */
  credit(tx: Tx, payer: number, isLate: boolean): void {
    this.inCount++;
    this.inSum += tx.amount;
    const ch = tx.channel;
    if (ch === CH.card_p2p || ch === CH.phone_transfer) this.inP2p += tx.amount;
    else if (ch === CH.bank_transfer) this.inBank += tx.amount;
    else if (ch === CH.crypto_exchange) this.inCrypto += tx.amount;
    else if (ch === CH.card_purchase) this.inPurchase += tx.amount;
    if (tx.amount >= 2000 && tx.amount <= 100_000) this.inRange++;
    if (tx.amount % 500 === 0) this.inRound++;
    if (tx.localHour < 6) this.night++;
    const day = Math.floor(tx.ts / DAY);
    if (day !== this.lastCreditDay) {
      this.creditDays++;
      this.lastCreditDay = day;
    }
    this.ensureWindows();
    const sketch = (this.payerSketch ??= new Uint32Array(SKETCH_WORDS));
    const h = Math.imul(payer + 1, 0x9e3779b1) >>> 22; // top 10 bits: 0..1023 = SKETCH_BITS
    sketch[h >>> 5] = (sketch[h >>> 5] as number) | (1 << (h & 31));
    if (tx.payerBank) {
      const b = bankBit(tx.payerBank);
      if (b < 32) this.bankMaskLo |= 1 << b;
      else this.bankMaskHi |= 1 << (b - 32);
    }
    if (isLate) return;
    if (tx.ts > this.lastCreditTs) this.lastCreditTs = tx.ts;
    this.slide(tx.ts, payer);
    // Only person-to-person credits are matched: a salary or a refund sitting on a recruited drop's
    // card must not dilute how fast the shop's money leaves.
    if (ch !== CH.card_p2p && ch !== CH.phone_transfer) return;
    const qTs = this.qTs as number[];
    const qRem = this.qRem as number[];
    // Credits past the matching window can no longer be forwarded "in time": drop them (bounded by time).
    let stale = 0;
    while (stale < qTs.length && tx.ts - (qTs[stale] as number) > WINDOW.matchMs) stale++;
    if (stale > 0) {
      qTs.splice(0, stale);
      qRem.splice(0, stale);
    }
    if (qTs.length >= WINDOW.maxQueue) {
      qTs.shift();
      qRem.shift();
    }
    qTs.push(tx.ts);
    qRem.push(tx.amount);
  }

  private slide(ts: number, payer: number): void {
    const wTs = this.winTs as number[];
    const wP = this.winPayer as number[];
    const counts = this.winCounts as Map<number, number>;
    wTs.push(ts);
    wP.push(payer);
    counts.set(payer, (counts.get(payer) ?? 0) + 1);
    const from = ts - WINDOW.uniqueMs;
    while (this.winHead < wTs.length && ((wTs[this.winHead] as number) <= from || wTs.length - this.winHead > WINDOW.maxWindow)) {
      const p = wP[this.winHead] as number;
      const c = (counts.get(p) ?? 1) - 1;
      if (c <= 0) counts.delete(p);
      else counts.set(p, c);
      this.winHead++;
    }
    // Compact once half the array is behind the head: the window holds the last 24 h, not the history.
    if (this.winHead >= 8 && this.winHead * 2 > wTs.length) {
      wTs.splice(0, this.winHead);
      wP.splice(0, this.winHead);
      this.winHead = 0;
    }
    if (counts.size > this.maxUnique24h) {
      this.maxUnique24h = counts.size;
      if (ts - this.reactivatedTs < 3 * DAY && counts.size >= 5) this.burstAfterDormancy = true;
    }
  }

  /**
   * A debit. Transfers out are matched against the queued credits of the last day; `onForward(amount)`
   * gets the part that left within the hour so the caller can credit the edge.
   */
  debit(tx: Tx, isLate: boolean, onForward: (amount: number) => void): void {
    this.outCount++;
    this.outSum += tx.amount;
    const ch = tx.channel;
    if (ch === CH.card_purchase) {
      this.outPurchase += tx.amount;
      return;
    }
    if (ch === CH.cash_withdrawal) this.outCash += tx.amount;
    else if (ch === CH.crypto_exchange) this.outCrypto += tx.amount;
    else this.outTransfer += tx.amount;
    if (isLate || !this.qTs) return;
    const qTs = this.qTs;
    const qRem = this.qRem as number[];
    // Last in, first out: a transfer right after a credit is matched to that credit, so money that
    // sat for days (a salary) does not hide a fast pass-through of fresh credits.
    let left = tx.amount;
    let fast = 0;
    for (let i = qTs.length - 1; i >= 0 && left > 0; i--) {
      const delay = tx.ts - (qTs[i] as number);
      if (delay < 0) continue;
      if (delay > WINDOW.matchMs) break;
      const m = Math.min(left, qRem[i] as number);
      if (m <= 0) continue;
      left -= m;
      qRem[i] = (qRem[i] as number) - m;
      this.fwdDay += m;
      if (delay <= WINDOW.slowMs) this.fwdSlow += m;
      if (delay <= WINDOW.forwardMs) {
        this.fwdHour += m;
        fast += m;
      }
      if (delay <= WINDOW.fastMs) this.fwdFast += m;
    }
    let w = 0;
    for (let i = 0; i < qTs.length; i++) {
      if ((qRem[i] as number) <= 0.005 || tx.ts - (qTs[i] as number) > WINDOW.matchMs) continue;
      qTs[w] = qTs[i] as number;
      qRem[w++] = qRem[i] as number;
    }
    qTs.length = w;
    qRem.length = w;
    if (fast > 0) onForward(fast);
  }

  private ensureWindows(): void {
    if (this.winTs) return;
    this.winTs = [];
    this.winPayer = [];
    this.winHead = 0;
    this.winCounts = new Map();
    this.qTs = [];
    this.qRem = [];
  }

  /** Releases the windows of an idle account (the fixed-size distinct sketches stay). */
  release(): void {
    this.winTs = this.winPayer = this.qTs = this.qRem = null;
    this.winCounts = null;
    this.isActive = false;
  }

  /** Entries held in windows (for bounds checks). */
  windowEntries(): number {
    return (this.winTs?.length ?? 0) + (this.qTs?.length ?? 0) + (this.winCounts?.size ?? 0);
  }
}

/** Aggregated money-flow edges payer→payee: count, sum, amount forwarded within the hour, channel mask. */
export class EdgeStore {
  // Open-addressing hash (src, dst) → edge id in typed arrays: ~24 bytes an edge instead of a Map entry
  // with a boxed 52-bit key.
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  count = new Int32Array(1024);
  sum = new Float64Array(1024);
  fast = new Float64Array(1024);
  chan = new Uint8Array(1024);
  /** Last activity of the edge, in minutes since the epoch (event time). */
  lastMin = new Int32Array(1024);
  size = 0;
  /** Edges dropped by `compact` so far. */
  evicted = 0;

  /** The edge id of src→dst, created on first use. */
  edge(src: number, dst: number): number {
    let i = (Math.imul(src, 0x9e3779b1) ^ Math.imul(dst + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
    for (;;) {
      const e = this.slots[i] as number;
      if (e === -1) break;
      if (this.src[e] === src && this.dst[e] === dst) return e;
      i = (i + 1) & this.mask;
    }
    if (this.size === this.src.length) this.grow();
    const e = this.size++;
    this.src[e] = src;
    this.dst[e] = dst;
    this.slots[i] = e;
    if (this.size * 2 > this.mask) this.rehash();
    return e;
  }

  private rehash(): void {
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(this.mask + 1).fill(-1);
    for (let e = 0; e < this.size; e++) {
      const src = this.src[e] as number;
      const dst = this.dst[e] as number;
      let i = (Math.imul(src, 0x9e3779b1) ^ Math.imul(dst + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
      while ((this.slots[i] as number) !== -1) i = (i + 1) & this.mask;
      this.slots[i] = e;
    }
  }

  add(src: number, dst: number, amount: number, channel: number, ts = 0): number {
    const e = this.edge(src, dst);
    this.count[e] = (this.count[e] as number) + 1;
    this.sum[e] = (this.sum[e] as number) + amount;
    this.chan[e] = (this.chan[e] as number) | (1 << channel);
    const m = Math.floor(ts / MIN);
    if (m > (this.lastMin[e] as number)) this.lastMin[e] = m;
    return e;
  }

  /**
   * Drops the edges `keep` rejects and renumbers the rest (edge ids change: hold none across a call).
   * The arrays shrink when mostly empty, so memory follows the edges kept.
   */
  compact(keep: (e: number) => boolean): void {
    let w = 0;
    for (let e = 0; e < this.size; e++) {
      if (!keep(e)) continue;
      if (w !== e) {
        this.src[w] = this.src[e] as number;
        this.dst[w] = this.dst[e] as number;
        this.count[w] = this.count[e] as number;
        this.sum[w] = this.sum[e] as number;
        this.fast[w] = this.fast[e] as number;
        this.chan[w] = this.chan[e] as number;
        this.lastMin[w] = this.lastMin[e] as number;
      }
      w++;
    }
    this.evicted += this.size - w;
    this.size = w;
    let cap = 1024;
    while (cap < w * 1.5) cap *= 2;
    if (cap < this.src.length) this.resize(cap);
    let slots = 2048;
    while (slots < w * 2.5) slots *= 2;
    this.mask = slots / 2 - 1;
    this.rehash();
  }

  private grow(): void {
    this.resize(this.src.length * 2);
  }

  private resize(n: number): void {
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a.subarray(0, Math.min(n, this.size)));
      return b;
    };
    this.src = g(this.src, (k) => new Int32Array(k));
    this.dst = g(this.dst, (k) => new Int32Array(k));
    this.count = g(this.count, (k) => new Int32Array(k));
    this.sum = g(this.sum, (k) => new Float64Array(k));
    this.fast = g(this.fast, (k) => new Float64Array(k));
    this.chan = g(this.chan, (k) => new Uint8Array(k));
    this.lastMin = g(this.lastMin, (k) => new Int32Array(k));
  }
}
