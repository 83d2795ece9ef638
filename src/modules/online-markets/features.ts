import type { Indicator } from './indicators.ts';
import { findTerms, groupInfo, type LexiconGroupId } from './lexicon.ts';
import type { Obfuscation } from './normalize.ts';
import { DRUG_EMOJI, type ClassifierView } from './normalize-words.ts';

/**
 * Hashed features of one document: word unigrams and bigrams and character 3–5-grams of the
 * classifier view (scaled by 1/√n so long and short texts weigh alike), plus engineered signals
 * (lexicon hits, indicators, prices and weights, emoji codes, obfuscation, and their conjunctions)
 * at value 1. Signals that a reviewer can check carry a reason.
 */

export type FeatureConfig = { bits: number; charMin: number; charMax: number; wordBigrams: boolean };
export const FEATURE_CONFIG: FeatureConfig = { bits: 18, charMin: 3, charMax: 5, wordBigrams: true };

/** An engineered signal: its hashed index and, when a reviewer can check it, a reason. */
export type Signal = { index: number; reason: string | null };

/** A reusable feature buffer (indices into the hashed space and values). */
export type FeatureBuffer = { idx: Int32Array; val: Float32Array; n: number; signals: Signal[]; words: { index: number; token: string }[] };

export function newFeatureBuffer(capacity = 16384): FeatureBuffer {
  return { idx: new Int32Array(capacity), val: new Float32Array(capacity), n: 0, signals: [], words: [] };
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

/** Index of a named signal (also used by training code and tests). */
export const signalIndex = (key: string): number => fmix(hashString(key, NS_SIGNAL)) & MASK;

function push(buf: FeatureBuffer, index: number, value: number): void {
  if (buf.n === buf.idx.length) {
    const idx = new Int32Array(buf.idx.length * 2);
    idx.set(buf.idx);
    const val = new Float32Array(buf.val.length * 2);
    val.set(buf.val);
    buf.idx = idx;
    buf.val = val;
  }
  buf.idx[buf.n] = index;
  buf.val[buf.n] = value;
  buf.n++;
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
  for (const hit of findTerms(view.tokens)) {
    const t = hit.term;
    const key = t.substance ? `s:${t.substance.id}:${t.isWeak ? 'w' : 's'}` : `g:${t.group}:${t.isWeak ? 'w' : 's'}`;
    if (seenTerm.has(key + hit.matched)) continue;
    seenTerm.add(key + hit.matched);
    if (t.substance) {
      if (t.isWeak) weakSubst++;
      else strongSubst++;
      if (t.substance.kind === 'prescription' && !t.isWeak) rx++;
      add(key, `substance ${t.substance.name.en} ("${hit.matched}")`);
      add(`t:${t.surface}`);
    } else if (t.group) {
      (t.isWeak ? weakGroups : groups).add(t.group);
      const info = groupInfo(t.group);
      add(key, t.isWeak ? null : `${info.reason} "${hit.matched}"`);
      add(`t:${t.surface}`);
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

/** Fills `buf` with the features of a document; returns it. */
export function computeFeatures(buf: FeatureBuffer, view: ClassifierView, signals: readonly [string, string | null][]): FeatureBuffer {
  buf.n = 0;
  buf.signals.length = 0;
  buf.words.length = 0;
  const tokens = view.tokens;
  // the text " tok tok … " as code units (digits folded to 0), for the character n-grams
  let len = 1;
  for (const t of tokens) len += t.length + 1;
  if (codes.length < len) codes = new Uint16Array(len * 2);
  let p = 0;
  codes[p++] = 32;
  ensure(buf, tokens.length * 2 + len * 3 + signals.length + 8);
  const idx = buf.idx;
  let n = 0;
  let prev = 0;
  for (let i = 0; i < tokens.length; i++) {
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
    idx[n++] = index;
    if (buf.words.length < 400) buf.words.push({ index, token: tok });
    if (FEATURE_CONFIG.wordBigrams && i > 0) idx[n++] = toIndex(Math.imul(prev ^ NS_BIGRAM, 16777619) ^ h);
    prev = h;
  }
  for (let i = 0; i + 2 < p; i++) {
    let h = Math.imul(NS_CHAR ^ codes[i]!, 16777619);
    h = Math.imul(h ^ codes[i + 1]!, 16777619);
    h = Math.imul(h ^ codes[i + 2]!, 16777619);
    idx[n++] = toIndex(h ^ 3);
    if (i + 3 < p) {
      h = Math.imul(h ^ codes[i + 3]!, 16777619);
      idx[n++] = toIndex(h ^ 4);
      if (i + 4 < p) {
        h = Math.imul(h ^ codes[i + 4]!, 16777619);
        idx[n++] = toIndex(h ^ 5);
      }
    }
  }
  const scale = n > 0 ? 1 / Math.sqrt(n) : 0;
  buf.val.fill(scale, 0, n);
  buf.n = n;
  const seen = new Set<number>();
  for (const [key, reason] of signals) {
    const index = signalIndex(key);
    if (seen.has(index)) continue;
    seen.add(index);
    push(buf, index, 1);
    buf.signals.push({ index, reason });
  }
  push(buf, signalIndex('bias'), 1);
  return buf;
}
