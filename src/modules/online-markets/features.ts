import type { Indicator } from './indicators.ts';
import { findTerms, groupInfo, type LexiconGroupId, type Term } from './lexicon.ts';
import type { Obfuscation } from './normalize.ts';
import { DRUG_EMOJI, type ClassifierView, type TokenSlot } from './normalize-words.ts';

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

const PRICE =
  /(?<![\p{L}\p{N}])\d{1,3}(?:[ .,]?\d{3})*(?:[.,]\d{1,2})?\s?(?:тг|тенге|тең|₸|т\.|тыс\.?|к|k|руб\.?|р\.|usd|usdt|\$|долл\p{L}*|€|eur)(?![\p{L}\p{N}])|[$₸€]\s?\d{1,7}/giu;
const WEIGHT =
  /(?<![\p{L}\p{N}])(\d{1,4}(?:[.,]\d{1,3})?)\s?(г|гр|грамм\p{L}*|g|gr|gram\p{L}*|кг|kg|мг|mg|шт|pcs|таб\p{L}*|мл|ml)(?![\p{L}\p{N}])/giu;

const INDICATOR_REASON: Record<string, string> = {
  telegram: 'telegram handle present',
  card: 'payment card present',
  crypto: 'crypto wallet present',
  phone: 'phone number present',
  url: 'link present',
  domain: 'link present',
  email: 'e-mail present',
};

// Signal keys of a lexicon term, computed once per term.
// (and the reasons for the words it matched, which repeat across documents)
type TermInfo = { key: string; surfaceKey: string; reason: string; matchedReasons: Map<string, string | null> };
const termInfoCache = new Map<Term, TermInfo>();
function termInfo(t: Term): TermInfo {
  let info = termInfoCache.get(t);
  if (!info) {
    info = {
      key: t.substance ? `s:${t.substance.id}:${t.isWeak ? 'w' : 's'}` : `g:${t.group}:${t.isWeak ? 'w' : 's'}`,
      surfaceKey: `t:${t.surface}`,
      reason: t.group ? groupInfo(t.group).reason : '',
      matchedReasons: new Map(),
    };
    termInfoCache.set(t, info);
  }
  return info;
}

/** The reviewer reason for a term hit (cached per term and matched text). */
function hitReason(t: Term, info: TermInfo, matched: string): string | null {
  let r = info.matchedReasons.get(matched);
  if (r === undefined) {
    if (t.substance) r = `substance ${t.substance.name.en} ("${matched}")`;
    else r = t.isWeak ? null : `${info.reason} "${matched}"`;
    if (info.matchedReasons.size < 1000) info.matchedReasons.set(matched, r);
  }
  return r;
}

// Signal keys built once per distinct name, so that documents reuse the same (hashed) strings.
const keyCache = new Map<string, Map<string, string>>();
function key(prefix: string, name: string): string {
  let byName = keyCache.get(prefix);
  if (!byName) keyCache.set(prefix, (byName = new Map()));
  let k = byName.get(name);
  if (k === undefined) {
    k = prefix + name;
    if (byName.size < 10_000) byName.set(name, k);
  }
  return k;
}

/** Engineered signals for one document, each as a key and an optional reason. */
export function documentSignals(
  view: ClassifierView,
  extractionText: string,
  indicators: readonly Indicator[],
  tricks: ReadonlySet<Obfuscation>,
): [string, string | null][] {
  const out: [string, string | null][] = [];
  const add = (key: string, reason: string | null = null) => out.push([key, reason]);
  const groups = new Set<LexiconGroupId>();
  const weakGroups = new Set<LexiconGroupId>();
  let strongSubst = 0;
  let weakSubst = 0;
  let rx = 0;
  // (signal key, matched text) pairs already added: per key, the texts
  const seenTerm = new Map<string, string[]>();
  for (const hit of findTerms(view.tokens, view.candidates)) {
    const t = hit.term;
    const info = termInfo(t);
    const seen = seenTerm.get(info.key);
    if (seen === undefined) seenTerm.set(info.key, [hit.matched]);
    else if (seen.includes(hit.matched)) continue;
    else seen.push(hit.matched);
    if (t.substance) {
      if (t.isWeak) weakSubst++;
      else strongSubst++;
      if (t.substance.kind === 'prescription' && !t.isWeak) rx++;
      add(info.key, hitReason(t, info, hit.matched));
      add(info.surfaceKey);
    } else if (t.group) {
      (t.isWeak ? weakGroups : groups).add(t.group);
      add(info.key, hitReason(t, info, hit.matched));
      add(info.surfaceKey);
    }
  }
  const has = (g: LexiconGroupId) => groups.has(g);
  const types = new Set(indicators.map((i) => i.type));
  for (const ty of types) add(key('i:', ty), INDICATOR_REASON[ty] ?? null);
  if (indicators.some((i) => i.type === 'telegram' && /bot$/.test(i.value))) add('i:bot', 'bot handle present');
  if (indicators.some((i) => i.type === 'telegram' && i.value.startsWith('+'))) add('i:invite', 'telegram invite link present');
  const lower = extractionText.length < 20000 ? extractionText : extractionText.slice(0, 20000);
  let price: string | null = null;
  PRICE.lastIndex = 0;
  const pm = PRICE.exec(lower);
  if (pm) price = pm[0];
  let weight: string | null = null;
  WEIGHT.lastIndex = 0;
  for (let m = WEIGHT.exec(lower); m; m = WEIGHT.exec(lower)) {
    const n = Number((m[1] ?? '').replace(',', '.'));
    if (/^г/i.test(m[2] ?? '') && n >= 1900 && n <= 2100) continue; // a year ("2023 г.")
    weight = m[0];
    break;
  }
  if (price) add('p:price', `price "${price.trim()}"`);
  if (weight) add('p:weight', `weight "${weight.trim()}"`);
  let drugEmoji = 0;
  for (const e of new Set(view.emoji)) {
    const isDrug = DRUG_EMOJI.has(e);
    if (isDrug) drugEmoji++;
    add(key('e:', e), isDrug ? key('emoji code (', e) + ')' : null);
  }
  for (const t of tricks) add(key('o:', t), key('obfuscation: ', t));
  if (tricks.size > 0) add('o:any');
  // conjunctions: a linear model cannot combine signals by itself
  const subst = strongSubst > 0;
  const anySubst = subst || weakSubst > 0 || drugEmoji > 0;
  const contact = types.has('telegram') || types.has('phone') || has('contact') || weakGroups.has('contact');
  const money = types.has('card') || types.has('crypto') || price !== null;
  const cross = (on: boolean, k: string) => {
    if (on) add(k);
  };
  cross(subst && has('stash'), 'x:subst+stash');
  cross(anySubst && has('stash'), 'x:anysubst+stash');
  cross(subst && contact, 'x:subst+contact');
  cross(anySubst && contact, 'x:anysubst+contact');
  cross(subst && (price !== null || weight !== null), 'x:subst+price');
  cross(anySubst && weight !== null, 'x:anysubst+weight');
  cross(subst && (has('sale') || weakGroups.has('sale')), 'x:subst+sale');
  cross(has('stash') && contact, 'x:stash+contact');
  cross(has('stash') && money, 'x:stash+money');
  cross(has('recruit') && (money || has('job')), 'x:recruit+money');
  cross(has('recruit') && has('stash'), 'x:recruit+stash');
  cross((has('recruit') || has('job')) && (subst || has('stash')), 'x:job+drug');
  cross(has('job') && contact, 'x:job+contact');
  cross(has('drops') && (types.has('card') || weakGroups.has('drops') || money), 'x:drops+card');
  cross(has('drops') && contact, 'x:drops+contact');
  cross(rx > 0 && (has('norx') || has('sale') || contact), 'x:rx+sale');
  cross(has('benign') && anySubst, 'x:benign+subst');
  cross(has('benign') && !contact && !money, 'x:benign+nocontact');
  cross(anySubst && tricks.size > 0, 'x:subst+obf');
  cross(tricks.size > 0 && contact, 'x:obf+contact');
  cross(drugEmoji > 0 && contact, 'x:emoji+contact');
  cross(anySubst && !contact && !money && !has('stash'), 'x:subst+nothing');
  if (strongSubst >= 2) add('s:many');
  if (strongSubst + weakSubst + drugEmoji >= 3) add('s:several');
  return out;
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
const seenSignals = new Set<number>();

/**
 * Fills `buf` with the features of a document; returns it. With weights `w` (and `z`, length K) it
 * instead accumulates the raw class scores — the sums `logits` would compute over the full buffer
 * (up to float rounding), without a second pass over the weight table — and keeps only the signals
 * (and bias) in `idx`/`val`, as scanning needs nothing else.
 */
export function computeFeatures(
  buf: FeatureBuffer,
  view: ClassifierView,
  signals: readonly [string, string | null][],
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
  for (let i = 0; i + 2 < p; i++) {
    let h = Math.imul(NS_CHAR ^ codes[i]!, 16777619);
    h = Math.imul(h ^ codes[i + 1]!, 16777619);
    h = Math.imul(h ^ codes[i + 2]!, 16777619);
    const i3 = toIndex(h ^ 3);
    if (!score) idx[n] = i3;
    n++;
    if (score) {
      const b = i3 * 3;
      s0 += ww[b]! * v;
      s1 += ww[b + 1]! * v;
      s2 += ww[b + 2]! * v;
    }
    if (i + 3 < p) {
      h = Math.imul(h ^ codes[i + 3]!, 16777619);
      const i4 = toIndex(h ^ 4);
      if (!score) idx[n] = i4;
      n++;
      if (score) {
        const b = i4 * 3;
        s0 += ww[b]! * v;
        s1 += ww[b + 1]! * v;
        s2 += ww[b + 2]! * v;
      }
      if (i + 4 < p) {
        h = Math.imul(h ^ codes[i + 4]!, 16777619);
        const i5 = toIndex(h ^ 5);
        if (!score) idx[n] = i5;
        n++;
        if (score) {
          const b = i5 * 3;
          s0 += ww[b]! * v;
          s1 += ww[b + 1]! * v;
          s2 += ww[b + 2]! * v;
        }
      }
    }
  }
  if (score) n = 0;
  else buf.val.fill(v, 0, n);
  buf.n = n;
  seenSignals.clear();
  for (let k = 0; k <= signals.length; k++) {
    const isBias = k === signals.length;
    const index = signalIndex(isBias ? BIAS_KEY : signals[k]![0]);
    if (!isBias) {
      if (seenSignals.has(index)) continue;
      seenSignals.add(index);
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
function scoreSignals(buf: FeatureBuffer, signals: readonly [string, string | null][], w: Float32Array, z: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  buf.n = 0;
  seenSignals.clear();
  for (let k = 0; k <= signals.length; k++) {
    const isBias = k === signals.length;
    const index = signalIndex(isBias ? BIAS_KEY : signals[k]![0]);
    if (!isBias) {
      if (seenSignals.has(index)) continue;
      seenSignals.add(index);
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
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let p = 0;
  cs[p++] = 32;
  let prev = 0;
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
    s0 += slot.s0;
    s1 += slot.s1;
    s2 += slot.s2;
    if (i < MAX_REASON_WORDS) wordIdx[i] = slot.index;
    if (FEATURE_CONFIG.wordBigrams && i > 0) {
      const b = toIndex(Math.imul(prev ^ NS_BIGRAM, 16777619) ^ slot.hash) * 3;
      s0 += w[b]!;
      s1 += w[b + 1]!;
      s2 += w[b + 2]!;
    }
    prev = slot.hash;
  }
  // n-grams with a space inside: for the space at q (after the previous one at r), those that
  // start at max(r, q - 3) … q - 1 and end after q
  const len = p;
  let r = 0;
  let q = 0;
  for (let t = 0; t + 1 < nt; t++) {
    q += tokens[t]!.length + 1;
    for (let i = q - 3 > r ? q - 3 : r; i < q; i++) {
      let h = Math.imul(NS_CHAR ^ cs[i]!, 16777619);
      h = Math.imul(h ^ cs[i + 1]!, 16777619);
      for (let k = 2; k < 5 && i + k < len; k++) {
        h = Math.imul(h ^ cs[i + k]!, 16777619);
        if (i + k > q) {
          const b = toIndex(h ^ (k + 1)) * 3;
          s0 += w[b]!;
          s1 += w[b + 1]!;
          s2 += w[b + 2]!;
        }
      }
    }
    r = q;
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
