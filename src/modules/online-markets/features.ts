import type { ClassifierView, TokenSlot } from './normalize-words.ts';

/**
 * Hashed features of one document: word unigrams and bigrams and character 3–5-grams of the
 * classifier view (scaled by 1/√n so long and short texts weigh alike), plus engineered signals
 * (lexicon hits, indicators, prices and weights, emoji codes, obfuscation, and their conjunctions)
 * at value 1. Signals that a reviewer can check carry a reason.
 */

export type FeatureConfig = { bits: number; charMin: number; charMax: number; wordBigrams: boolean };
export const FEATURE_CONFIG: FeatureConfig = { bits: 16, charMin: 3, charMax: 5, wordBigrams: true };

/** An engineered signal: its hashed index and, when a reviewer can check it, a reason. */
export type Signal = { index: number; reason: string | null };

/** A signal as computed for a document: its key, reason and, when known in advance, its index (`signalIndex(key)`). */
export type SignalInput = readonly [key: string, reason: string | null, index?: number];

/**
 * A reusable feature buffer (indices into the hashed space and values). `words` are the first
 * word tokens and `wordIdx` their feature indices (for reasons); `z` receives the raw class scores
 * when `computeFeatures` is given weights.
 */
export type FeatureBuffer = {
  idx: Int32Array;
  val: Float32Array;
  n: number;
  signals: Signal[];
  words: readonly string[];
  wordIdx: Int32Array;
  wordCount: number;
};

export const MAX_REASON_WORDS = 400;

export function newFeatureBuffer(capacity = 16384): FeatureBuffer {
  return {
    idx: new Int32Array(capacity),
    val: new Float32Array(capacity),
    n: 0,
    signals: [],
    words: [],
    wordIdx: new Int32Array(MAX_REASON_WORDS),
    wordCount: 0,
  };
}

const MASK = (1 << FEATURE_CONFIG.bits) - 1;
const NS_WORD = 0x811c9dc5;
const NS_BIGRAM = 0x1b873593;
const NS_CHAR = 0x5bd1e995;
const NS_SIGNAL = 0x27d4eb2f;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units with digits folded to '0', from a namespace seed. */
function hashString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 49 && c <= 57) c = 48;
    h = Math.imul(h ^ c, 16777619);
  }
  return h >>> 0;
}

const signalIndexCache = new Map<string, number>();

/** Index of a named signal (also used by training code and tests). */
export function signalIndex(key: string): number {
  let index = signalIndexCache.get(key);
  if (index === undefined) {
    index = fmix(hashString(key, NS_SIGNAL)) & MASK;
    if (signalIndexCache.size >= 100_000) signalIndexCache.clear();
    signalIndexCache.set(key, index);
  }
  return index;
}

// Index from a 32-bit hash: Fibonacci (multiplicative) hashing keeps the well-mixed high bits.
const SHIFT = 32 - FEATURE_CONFIG.bits;
const toIndex = (h: number): number => Math.imul(h, 0x9e3779b1) >>> SHIFT;

let codes = new Uint16Array(8192);

function ensure(buf: FeatureBuffer, extra: number): void {
  if (buf.n + extra <= buf.idx.length) return;
  let size = buf.idx.length;
  while (size < buf.n + extra) size *= 2;
  const idx = new Int32Array(size);
  idx.set(buf.idx.subarray(0, buf.n));
  const val = new Float32Array(size);
  val.set(buf.val.subarray(0, buf.n));
  buf.idx = idx;
  buf.val = val;
}

const BIAS_KEY = 'bias';
// Signal indices already added to this document: seenStamp[index] === stamp. (A module-level Set
// cleared per document would reallocate its table in the old generation every time.)
const seenStamp = new Uint32Array(MASK + 1);
let stamp = 0;
function nextStamp(): number {
  if (++stamp > 0xfffffff0) {
    seenStamp.fill(0);
    stamp = 1;
  }
  return stamp;
}

/**
 * Fills `buf` with the features of a document; returns it. With weights `w` (and `z`, length K) it
 * instead accumulates the raw class scores — the sums `logits` would compute over the full buffer
 * (up to float rounding), without a second pass over the weight table — and keeps only the signals
 * (and bias) in `idx`/`val`, as scanning needs nothing else.
 */
export function computeFeatures(
  buf: FeatureBuffer,
  view: ClassifierView,
  signals: readonly SignalInput[],
  w?: Float32Array,
  z?: Float64Array,
): FeatureBuffer {
  buf.n = 0;
  buf.signals.length = 0;
  const tokens = view.tokens;
  const nt = tokens.length;
  buf.words = tokens;
  buf.wordCount = nt < MAX_REASON_WORDS ? nt : MAX_REASON_WORDS;
  // the text " tok tok … " as code units (digits folded to 0), for the character n-grams
  let len = 1;
  for (let i = 0; i < nt; i++) len += tokens[i]!.length + 1;
  if (codes.length < len) codes = new Uint16Array(len * 2);
  // the number of hashed features is known in advance, so is their value
  const bigrams = FEATURE_CONFIG.wordBigrams && nt > 1 ? nt - 1 : 0;
  const total = nt + bigrams + (len > 2 ? len - 2 : 0) + (len > 3 ? len - 3 : 0) + (len > 4 ? len - 4 : 0);
  const v = total > 0 ? Math.fround(1 / Math.sqrt(total)) : 0;
  ensure(buf, total + signals.length + 8);
  const idx = buf.idx;
  const wordIdx = buf.wordIdx;
  const score = w !== undefined && z !== undefined;
  const ww = w ?? EMPTY;
  if (score && view.slots !== undefined && view.slots.length === nt) {
    scoreText(buf, tokens, view.slots, w, v, z);
    scoreSignals(buf, signals, w, z);
    return buf;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  let p = 0;
  codes[p++] = 32;
  let prev = 0;
  for (let i = 0; i < nt; i++) {
    const tok = tokens[i]!;
    let h = NS_WORD;
    for (let k = 0; k < tok.length; k++) {
      let c = tok.charCodeAt(k);
      if (c >= 49 && c <= 57) c = 48;
      codes[p++] = c;
      h = Math.imul(h ^ c, 16777619);
    }
    codes[p++] = 32;
    const index = toIndex(h);
    if (!score) idx[n] = index;
    n++;
    if (i < MAX_REASON_WORDS) wordIdx[i] = index;
    if (score) {
      const b = index * 3;
      s0 += ww[b]! * v;
      s1 += ww[b + 1]! * v;
      s2 += ww[b + 2]! * v;
    }
    if (FEATURE_CONFIG.wordBigrams && i > 0) {
      const bi = toIndex(Math.imul(prev ^ NS_BIGRAM, 16777619) ^ h);
      if (!score) idx[n] = bi;
      n++;
      if (score) {
        const b = bi * 3;
        s0 += ww[b]! * v;
        s1 += ww[b + 1]! * v;
        s2 += ww[b + 2]! * v;
      }
    }
    prev = h;
  }
  // character 3-, 4- and 5-grams starting at i, hashed incrementally (namespace = n-gram length)
  for (let i = 0; i + 2 < p; i++) {
    let h = Math.imul(NS_CHAR ^ codes[i]!, 16777619);
    h = Math.imul(h ^ codes[i + 1]!, 16777619);
    for (let k = 2; k < 5 && i + k < p; k++) {
      h = Math.imul(h ^ codes[i + k]!, 16777619);
      const ix = toIndex(h ^ (k + 1));
      if (score) {
        const b = ix * 3;
        s0 += ww[b]! * v;
        s1 += ww[b + 1]! * v;
        s2 += ww[b + 2]! * v;
      } else idx[n] = ix;
      n++;
    }
  }
  if (score) n = 0;
  else buf.val.fill(v, 0, n);
  buf.n = n;
  const seen = nextStamp();
  for (let k = 0; k <= signals.length; k++) {
    const isBias = k === signals.length;
    const index = isBias ? signalIndex(BIAS_KEY) : (signals[k]![2] ?? signalIndex(signals[k]![0]));
    if (!isBias) {
      if (seenStamp[index] === seen) continue;
      seenStamp[index] = seen;
      buf.signals.push({ index, reason: signals[k]![1] });
    }
    idx[buf.n] = index;
    buf.val[buf.n] = 1;
    buf.n++;
    if (score) {
      const b = index * 3;
      s0 += ww[b]!;
      s1 += ww[b + 1]!;
      s2 += ww[b + 2]!;
    }
  }
  if (score) {
    z[0] = s0;
    z[1] = s1;
    z[2] = s2;
  }
  return buf;
}

const EMPTY = new Float32Array(0);

/** The signals (and bias) into `buf` and their weights added to `z`. */
function scoreSignals(buf: FeatureBuffer, signals: readonly SignalInput[], w: Float32Array, z: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  buf.n = 0;
  const seen = nextStamp();
  for (let k = 0; k <= signals.length; k++) {
    const isBias = k === signals.length;
    const index = isBias ? signalIndex(BIAS_KEY) : (signals[k]![2] ?? signalIndex(signals[k]![0]));
    if (!isBias) {
      if (seenStamp[index] === seen) continue;
      seenStamp[index] = seen;
      buf.signals.push({ index, reason: signals[k]![1] });
    }
    buf.idx[buf.n] = index;
    buf.val[buf.n] = 1;
    buf.n++;
    const b = index * 3;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
  }
  z[0]! += s0;
  z[1]! += s1;
  z[2]! += s2;
}

// Weight-table offsets of a document's bigrams and n-grams across word boundaries, all computed
// before any is summed: the loads of the summing loops then do not wait on each other (the table
// is larger than the cache) while the sums keep their order, so the scores are unchanged.
let lookups = new Int32Array(16384);

/**
 * The character n-grams of " tok tok … " are of two kinds: those inside one padded token (" tok ",
 * spaces only at their ends) and those with a space inside, across a word boundary. The first kind
 * depends on the token alone, and tokens repeat (Zipf), so each distinct token's hash and the sums
 * of its n-gram weights are cached in its slot (with the weight table they came from); per
 * document only the unigrams, bigrams and the few n-grams across each boundary are looked up.
 */
function scoreText(
  buf: FeatureBuffer,
  tokens: readonly string[],
  slots: readonly TokenSlot[],
  w: Float32Array,
  v: number,
  z: Float64Array,
): void {
  const nt = tokens.length;
  const wordIdx = buf.wordIdx;
  const cs = codes;
  // at most one bigram and six n-grams across a boundary per token
  if (lookups.length < 7 * nt) lookups = new Int32Array(Math.max(7 * nt, 2 * lookups.length));
  const lk = lookups;
  let p = 0;
  cs[p++] = 32;
  let prev = 0;
  // the codes, the tokens' slots and (lk[i] for token i > 0) the offset of each bigram's weights
  for (let i = 0; i < nt; i++) {
    const tok = tokens[i]!;
    const from = p - 1;
    for (let k = 0; k < tok.length; k++) {
      const c = tok.charCodeAt(k);
      cs[p++] = c >= 49 && c <= 57 ? 48 : c;
    }
    cs[p++] = 32;
    const slot = slots[i]!;
    if (slot.w !== w) scoreSlot(slot, w, from, p);
    if (i < MAX_REASON_WORDS) wordIdx[i] = slot.index;
    if (FEATURE_CONFIG.wordBigrams && i > 0) lk[i] = toIndex(Math.imul(prev ^ NS_BIGRAM, 16777619) ^ slot.hash) * 3;
    prev = slot.hash;
  }
  // n-grams with a space inside (their offsets from lk[nt] on): for the space at q (after the
  // previous one at r), those that start at max(r, q - 3) … q - 1 and end after q
  const len = p;
  let m = nt;
  let r = 0;
  let q = 0;
  for (let t = 0; t + 1 < nt; t++) {
    q += tokens[t]!.length + 1;
    for (let i = q - 3 > r ? q - 3 : r; i < q; i++) {
      let h = Math.imul(NS_CHAR ^ cs[i]!, 16777619);
      h = Math.imul(h ^ cs[i + 1]!, 16777619);
      for (let k = 2; k < 5 && i + k < len; k++) {
        h = Math.imul(h ^ cs[i + k]!, 16777619);
        if (i + k > q) lk[m++] = toIndex(h ^ (k + 1)) * 3;
      }
    }
    r = q;
  }
  // the sums, in the features' order
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < nt; i++) {
    const slot = slots[i]!;
    s0 += slot.s0;
    s1 += slot.s1;
    s2 += slot.s2;
    if (FEATURE_CONFIG.wordBigrams && i > 0) {
      const b = lk[i]!;
      s0 += w[b]!;
      s1 += w[b + 1]!;
      s2 += w[b + 2]!;
    }
  }
  for (let j = nt; j < m; j++) {
    const b = lk[j]!;
    s0 += w[b]!;
    s1 += w[b + 1]!;
    s2 += w[b + 2]!;
  }
  z[0] = s0 * v;
  z[1] = s1 * v;
  z[2] = s2 * v;
}

/** Fills a token's slot: its hash and index, and the summed weights of its unigram and its n-grams (of `codes[from..to)`). */
function scoreSlot(slot: TokenSlot, w: Float32Array, from: number, to: number): void {
  let h = NS_WORD;
  for (let k = from + 1; k < to - 1; k++) h = Math.imul(h ^ codes[k]!, 16777619);
  slot.hash = h;
  slot.index = toIndex(h);
  let b = slot.index * 3;
  let s0 = w[b]!;
  let s1 = w[b + 1]!;
  let s2 = w[b + 2]!;
  for (let i = from; i + 3 <= to; i++) {
    let g = NS_CHAR;
    for (let k = 0; k < 5 && i + k < to; k++) {
      g = Math.imul(g ^ codes[i + k]!, 16777619);
      if (k >= 2) {
        b = toIndex(g ^ (k + 1)) * 3;
        s0 += w[b]!;
        s1 += w[b + 1]!;
        s2 += w[b + 2]!;
      }
    }
  }
  slot.s0 = s0;
  slot.s1 = s1;
  slot.s2 = s2;
  slot.w = w;
}
