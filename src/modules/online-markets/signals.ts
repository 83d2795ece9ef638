import { signalIndex } from './features.ts';
import type { Indicator } from './indicators.ts';
import { findTerms, groupInfo, TERMS, type LexiconGroupId, type Term } from './lexicon.ts';
import type { Obfuscation } from './normalize.ts';
import { DRUG_EMOJI } from './normalize-words.data.ts';
import type { ClassifierView } from './normalize-words.ts';

/* Engineered signals of a document (lexicon hits, indicators, prices and weights, emoji codes,
   obfuscation and their conjunctions): keys for the hashed feature space, with reviewer reasons. */

const PRICE =
  /(?<![\p{L}\p{N}])\d{1,3}(?:[ .,]?\d{3})*(?:[.,]\d{1,2})?\s?(?:тг|тенге|тең|₸|т\.|тыс\.?|к|k|руб\.?|р\.|usd|usdt|\$|долл\p{L}*|€|eur)(?![\p{L}\p{N}])|[$₸€]\s?\d{1,7}/giu;
// (the look-ahead only restates the first character, so that the costlier look-behind is tried at digits only)
const WEIGHT =
  /(?=\d)(?<![\p{L}\p{N}])(\d{1,4}(?:[.,]\d{1,3})?)\s?(г|гр|грамм\p{L}*|g|gr|gram\p{L}*|кг|kg|мг|mg|шт|pcs|таб\p{L}*|мл|ml)(?![\p{L}\p{N}])/giu;

// a word or two in quotes: euphemisms in ads («витаминки») and quotations in reports alike
const QUOTED = /[«“„"]\p{L}+(?:[ -]\p{L}+){0,2}[»”"]/u;

const INDICATOR_REASON: Record<string, string> = {
  telegram: 'telegram handle present',
  card: 'payment card present',
  crypto: 'crypto wallet present',
  phone: 'phone number present',
  url: 'link present',
  domain: 'link present',
  email: 'e-mail present',
};

/** A signal: its key, reviewer reason and, when known in advance, its index (`signalIndex(key)`). */
export type SignalEntry = [key: string, reason: string | null, index?: number];

// A term signal key (shared by the terms with that key) and the texts it matched in the current
// document (`stamp` === documentStamp: they belong to the current document; else they are stale).
type KeyInfo = { key: string; index: number; stamp: number; matched: string[] };
const keyInfos = new Map<string, KeyInfo>();
let documentStamp = 0;

// One bit per phrase group (the groups a document hit, as a number rather than a Set).
const GROUP_BIT: Readonly<Record<LexiconGroupId, number>> = {
  stash: 1,
  sale: 2,
  contact: 4,
  recruit: 8,
  job: 16,
  drops: 32,
  norx: 64,
  benign: 128,
  address: 256,
};

// Signal keys of a lexicon term, computed once per term (by term id), with what documentSignals
// counts for it: `kind` 1 for a substance, 2 for a group phrase (else 0), its group's bit, and
// whether it is a strong prescription-drug name or a strong benign phrase.
// (and the reasons for the words it matched, which repeat across documents; the last one is kept at hand)
type TermInfo = {
  kind: number;
  isWeak: boolean;
  groupBit: number;
  strongRx: boolean;
  strongBenign: boolean;
  key: KeyInfo;
  surfaceKey: string;
  surfaceIndex: number;
  reason: string;
  matchedReasons: Map<string, string | null>;
  lastMatched: string | null;
  lastReason: string | null;
};
const termInfos: (TermInfo | undefined)[] = new Array<TermInfo | undefined>(TERMS.length);
function termInfo(t: Term): TermInfo {
  let info = termInfos[t.id];
  if (!info) {
    const key = t.substance ? `s:${t.substance.id}:${t.isWeak ? 'w' : 's'}` : `g:${t.group}:${t.isWeak ? 'w' : 's'}`;
    let k = keyInfos.get(key);
    if (!k) keyInfos.set(key, (k = { key, index: signalIndex(key), stamp: 0, matched: [] }));
    const surfaceKey = `t:${t.surface}`;
    info = {
      kind: t.substance ? 1 : t.group ? 2 : 0,
      isWeak: t.isWeak,
      groupBit: t.group ? (GROUP_BIT[t.group] ?? 0) : 0,
      strongRx: t.substance?.kind === 'prescription' && !t.isWeak,
      strongBenign: t.group === 'benign' && !t.isWeak,
      key: k,
      surfaceKey,
      surfaceIndex: signalIndex(surfaceKey),
      reason: t.group ? groupInfo(t.group).reason : '',
      matchedReasons: new Map(),
      lastMatched: null,
      lastReason: null,
    };
    termInfos[t.id] = info;
  }
  return info;
}

/** The reviewer reason for a term hit (cached per term and matched text). */
function hitReason(t: Term, info: TermInfo, matched: string): string | null {
  if (info.lastMatched === matched) return info.lastReason;
  let r = info.matchedReasons.get(matched);
  if (r === undefined) {
    if (t.substance) r = `substance ${t.substance.name.en} ("${matched}")`;
    else r = t.isWeak ? null : `${info.reason} "${matched}"`;
    if (info.matchedReasons.size < 1000) info.matchedReasons.set(matched, r);
  }
  info.lastMatched = matched;
  info.lastReason = r;
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
): SignalEntry[] {
  const out: SignalEntry[] = [];
  const add = (key: string, reason: string | null = null) => out.push([key, reason]);
  let strongGroups = 0; // GROUP_BIT of the groups hit by strong phrases
  let weakGroups = 0; // … and by weak ones
  let strongSubst = 0;
  let weakSubst = 0;
  let rx = 0;
  let benignHits = 0;
  // (signal key, matched text) pairs already added: per key, the texts (see KeyInfo)
  const stamp = ++documentStamp;
  for (const hit of findTerms(view.tokens, view.candidates)) {
    const t = hit.term;
    const info = termInfo(t);
    const k = info.key;
    if (k.stamp !== stamp) {
      k.stamp = stamp;
      k.matched = [hit.matched];
    } else if (k.matched.includes(hit.matched)) continue;
    else k.matched.push(hit.matched);
    if (info.kind === 1) {
      if (info.isWeak) weakSubst++;
      else strongSubst++;
      if (info.strongRx) rx++;
      out.push([k.key, hitReason(t, info, hit.matched), k.index], [info.surfaceKey, null, info.surfaceIndex]);
    } else if (info.kind === 2) {
      if (info.isWeak) weakGroups |= info.groupBit;
      else strongGroups |= info.groupBit;
      if (info.strongBenign) benignHits++;
      out.push([k.key, hitReason(t, info, hit.matched), k.index], [info.surfaceKey, null, info.surfaceIndex]);
    }
  }
  const has = (g: LexiconGroupId) => (strongGroups & GROUP_BIT[g]) !== 0;
  const hasWeak = (g: LexiconGroupId) => (weakGroups & GROUP_BIT[g]) !== 0;
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
  const contact = types.has('telegram') || types.has('phone') || has('contact') || hasWeak('contact');
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
  cross(subst && (has('sale') || hasWeak('sale')), 'x:subst+sale');
  cross(has('stash') && contact, 'x:stash+contact');
  cross(has('stash') && money, 'x:stash+money');
  cross(has('recruit') && (money || has('job')), 'x:recruit+money');
  cross(has('recruit') && has('stash'), 'x:recruit+stash');
  cross((has('recruit') || has('job')) && (subst || has('stash')), 'x:job+drug');
  cross(has('job') && contact, 'x:job+contact');
  cross(has('drops') && (types.has('card') || hasWeak('drops') || money), 'x:drops+card');
  cross(has('drops') && contact, 'x:drops+contact');
  cross(rx > 0 && (has('norx') || has('sale') || contact), 'x:rx+sale');
  cross(has('benign') && anySubst, 'x:benign+subst');
  cross(has('benign') && !contact && !money, 'x:benign+nocontact');
  cross(anySubst && tricks.size > 0, 'x:subst+obf');
  cross(tricks.size > 0 && contact, 'x:obf+contact');
  cross(drugEmoji > 0 && contact, 'x:emoji+contact');
  cross(anySubst && !contact && !money && !has('stash'), 'x:subst+nothing');
  // pairs a hiring or sales post makes and a report about one rarely does (or the reverse)
  const hiring = has('recruit') || has('job');
  cross(hiring && anySubst && (money || contact), 'x:job+subst+pay');
  cross(hiring && has('benign'), 'x:job+benign');
  cross(has('norx') && anySubst, 'x:norx+subst');
  cross(drugEmoji > 0 && (has('sale') || hasWeak('sale')), 'x:emoji+sale');
  const quoted = QUOTED.test(lower);
  cross(quoted, 'q:quoted');
  cross(quoted && (has('stash') || contact || money) && !has('benign'), 'x:quoted+deal');
  cross(quoted && has('benign'), 'x:quoted+benign');
  const address = hasWeak('address');
  cross(address && hiring && anySubst, 'x:address+job+subst');
  cross(address && anySubst, 'x:address+subst');
  cross(address && hiring, 'x:address+job');
  cross(benignHits >= 2, 'b:many');
  cross(benignHits >= 2 && anySubst && !contact, 'x:report+subst');
  if (strongSubst >= 2) add('s:many');
  if (strongSubst + weakSubst + drugEmoji >= 3) add('s:several');
  return out;
}
