import type { Indicator } from './indicators.ts';
import { findTerms, groupInfo, type LexiconGroupId, type Term } from './lexicon.ts';
import type { Obfuscation } from './normalize.ts';
import { DRUG_EMOJI, type ClassifierView } from './normalize-words.ts';

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
const termInfoCache = new Map<Term, { key: string; surfaceKey: string; reason: string }>();
function termInfo(t: Term): { key: string; surfaceKey: string; reason: string } {
  let info = termInfoCache.get(t);
  if (!info) {
    info = {
      key: t.substance ? `s:${t.substance.id}:${t.isWeak ? 'w' : 's'}` : `g:${t.group}:${t.isWeak ? 'w' : 's'}`,
      surfaceKey: `t:${t.surface}`,
      reason: t.group ? groupInfo(t.group).reason : '',
    };
    termInfoCache.set(t, info);
  }
  return info;
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
  const seenTerm = new Set<string>();
  for (const hit of findTerms(view.tokens, view.candidates)) {
    const t = hit.term;
    const info = termInfo(t);
    const seenKey = info.key + hit.matched;
    if (seenTerm.has(seenKey)) continue;
    seenTerm.add(seenKey);
    if (t.substance) {
      if (t.isWeak) weakSubst++;
      else strongSubst++;
      if (t.substance.kind === 'prescription' && !t.isWeak) rx++;
      add(info.key, `substance ${t.substance.name.en} ("${hit.matched}")`);
      add(info.surfaceKey);
    } else if (t.group) {
      (t.isWeak ? weakGroups : groups).add(t.group);
      add(info.key, t.isWeak ? null : `${info.reason} "${hit.matched}"`);
      add(info.surfaceKey);
    }
  }
  const has = (g: LexiconGroupId) => groups.has(g);
  const types = new Set(indicators.map((i) => i.type));
  for (const ty of types) add(`i:${ty}`, INDICATOR_REASON[ty] ?? null);
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
    add(`e:${e}`, isDrug ? `emoji code (${e})` : null);
  }
  for (const t of tricks) add(`o:${t}`, `obfuscation: ${t}`);
  if (tricks.size > 0) add('o:any');
  // conjunctions: a linear model cannot combine signals by itself
  const subst = strongSubst > 0;
  const anySubst = subst || weakSubst > 0 || drugEmoji > 0;
  const contact = types.has('telegram') || types.has('phone') || has('contact') || weakGroups.has('contact');
  const money = types.has('card') || types.has('crypto') || price !== null;
  const crosses: [boolean, string][] = [
    [subst && has('stash'), 'subst+stash'],
    [anySubst && has('stash'), 'anysubst+stash'],
    [subst && contact, 'subst+contact'],
    [anySubst && contact, 'anysubst+contact'],
    [subst && (price !== null || weight !== null), 'subst+price'],
    [anySubst && weight !== null, 'anysubst+weight'],
    [subst && (has('sale') || weakGroups.has('sale')), 'subst+sale'],
    [has('stash') && contact, 'stash+contact'],
    [has('stash') && money, 'stash+money'],
    [has('recruit') && (money || has('job')), 'recruit+money'],
    [has('recruit') && has('stash'), 'recruit+stash'],
    [(has('recruit') || has('job')) && (subst || has('stash')), 'job+drug'],
    [has('job') && contact, 'job+contact'],
    [has('drops') && (types.has('card') || weakGroups.has('drops') || money), 'drops+card'],
    [has('drops') && contact, 'drops+contact'],
    [rx > 0 && (has('norx') || has('sale') || contact), 'rx+sale'],
    [has('benign') && anySubst, 'benign+subst'],
    [has('benign') && !contact && !money, 'benign+nocontact'],
    [anySubst && tricks.size > 0, 'subst+obf'],
    [tricks.size > 0 && contact, 'obf+contact'],
    [drugEmoji > 0 && contact, 'emoji+contact'],
    [anySubst && !contact && !money && !has('stash'), 'subst+nothing'],
  ];
  for (const [on, key] of crosses) if (on) add(`x:${key}`);
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
 * instead accumulates the raw class scores while hashing — exactly the sums `logits` would compute
 * over the full buffer, in the same order, without a second pass over the weight table — and keeps
 * only the signals (and bias) in `idx`/`val`, as scanning needs nothing else.
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
