import type { Indicator } from './indicators.ts';
import { findTerms, groupInfo, type LexiconGroupId, type Term } from './lexicon.ts';
import type { Obfuscation } from './normalize.ts';
import { DRUG_EMOJI } from './normalize-words.data.ts';
import type { ClassifierView } from './normalize-words.ts';

/* Engineered signals of a document (lexicon hits, indicators, prices and weights, emoji codes,
   obfuscation and their conjunctions): keys for the hashed feature space, with reviewer reasons. */

const PRICE =
  /(?<![\p{L}\p{N}])\d{1,3}(?:[ .,]?\d{3})*(?:[.,]\d{1,2})?\s?(?:тг|тенге|тең|₸|т\.|тыс\.?|к|k|руб\.?|р\.|usd|usdt|\$|долл\p{L}*|€|eur)(?![\p{L}\p{N}])|[$₸€]\s?\d{1,7}/giu;
const WEIGHT =
  /(?<![\p{L}\p{N}])(\d{1,4}(?:[.,]\d{1,3})?)\s?(г|гр|грамм\p{L}*|g|gr|gram\p{L}*|кг|kg|мг|mg|шт|pcs|таб\p{L}*|мл|ml)(?![\p{L}\p{N}])/giu;

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
  let benignHits = 0;
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
      if (t.group === 'benign' && !t.isWeak) benignHits++;
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
  // pairs a hiring or sales post makes and a report about one rarely does (or the reverse)
  const hiring = has('recruit') || has('job');
  cross(hiring && anySubst && (money || contact), 'x:job+subst+pay');
  cross(hiring && has('benign'), 'x:job+benign');
  cross(has('norx') && anySubst, 'x:norx+subst');
  cross(drugEmoji > 0 && (has('sale') || weakGroups.has('sale')), 'x:emoji+sale');
  const quoted = QUOTED.test(lower);
  cross(quoted, 'q:quoted');
  cross(quoted && (has('stash') || contact || money) && !has('benign'), 'x:quoted+deal');
  cross(quoted && has('benign'), 'x:quoted+benign');
  const address = weakGroups.has('address');
  cross(address && hiring && anySubst, 'x:address+job+subst');
  cross(address && anySubst, 'x:address+subst');
  cross(address && hiring, 'x:address+job');
  cross(benignHits >= 2, 'b:many');
  cross(benignHits >= 2 && anySubst && !contact, 'x:report+subst');
  if (strongSubst >= 2) add('s:many');
  if (strongSubst + weakSubst + drugEmoji >= 3) add('s:several');
  return out;
}
