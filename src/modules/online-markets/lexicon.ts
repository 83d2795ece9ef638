import lexiconData from './data/lexicon.json' with { type: 'json' };
import substanceData from './data/substances.json' with { type: 'json' };

/**
 * The substance catalogue and phrase groups (data/*.json), compiled into a character trie over
 * normalised tokens. Terms are folded exactly like the classifier view of a text (see `foldWord`),
 * so a term written `закладк*` matches `закладки`, `zakladki` (after transliteration) and `з@кл@дки`.
 */

export type SubstanceKind = 'illicit' | 'prescription' | 'generic';

export type Substance = {
  id: string;
  name: { en: string; ru: string; kk: string };
  kind: SubstanceKind;
  list: { ref: string; verified: boolean };
  strong: string[];
  weak: string[];
};

export type LexiconGroupId = 'stash' | 'sale' | 'contact' | 'recruit' | 'job' | 'drops' | 'norx' | 'benign' | 'address';

type Group = { id: LexiconGroupId; reason: string; side: 'drug' | 'benign'; strong: string[]; weak: string[] };

/** One compiled term: a substance street name or a phrase of a group; `id`: its index in TERMS. */
export type Term = {
  id: number;
  parts: readonly { text: string; isPrefix: boolean }[];
  surface: string;
  isWeak: boolean;
  group: LexiconGroupId | null;
  substance: Substance | null;
};

/** A term found in a token list, with the tokens it covered. */
export type TermHit = { term: Term; at: number; matched: string };

export const SUBSTANCES: readonly Substance[] = (substanceData as { substances: Substance[] }).substances;
const GROUPS: readonly Group[] = (lexiconData as { groups: Group[] }).groups;

// Folding shared by text and terms: lower case, ё/э → е, soft/hard signs dropped, Kazakh and
// Ukrainian letters folded onto Russian ones (people often type Kazakh without its letters).
const FOLD = new Map<string, string>([
  ['ё', 'е'],
  ['э', 'е'],
  ['ь', ''],
  ['ъ', ''],
  ['і', 'и'],
  ['ї', 'и'],
  ['є', 'е'],
  ['ґ', 'г'],
  ['ә', 'а'],
  ['ғ', 'г'],
  ['қ', 'к'],
  ['ң', 'н'],
  ['ө', 'о'],
  ['ұ', 'у'],
  ['ү', 'у'],
  ['һ', 'х'],
]);
const FOLD_RE = /[ёэьъіїєґәғқңөұүһ]/g;

/** Folds one lower-case word the way the classifier view does. */
export function foldWord(word: string): string {
  return FOLD_RE.test(word) ? word.replace(FOLD_RE, (c) => FOLD.get(c) ?? c) : word;
}

type TrieNode = { next: Map<number, TrieNode>; exact: Term[] | null; prefix: Term[] | null };
const newNode = (): TrieNode => ({ next: new Map(), exact: null, prefix: null });
const root = newNode();
/** Every compiled term, by id. */
export const TERMS: Term[] = [];

function splitTerm(raw: string): Term['parts'] {
  return raw
    .toLowerCase()
    .split(/[\s./-]+/)
    .filter((p) => p.length > 0)
    .map((p) => {
      const isPrefix = p.endsWith('*');
      return { text: foldWord(isPrefix ? p.slice(0, -1) : p), isPrefix };
    });
}

function addTerm(raw: string, isWeak: boolean, group: LexiconGroupId | null, substance: Substance | null): void {
  const parts = splitTerm(raw);
  const first = parts[0];
  if (!first || !first.text) return;
  const term: Term = { id: TERMS.length, parts, surface: raw.replace(/\*$/, ''), isWeak, group, substance };
  TERMS.push(term);
  let node = root;
  for (let i = 0; i < first.text.length; i++) {
    const c = first.text.charCodeAt(i);
    let child = node.next.get(c);
    if (!child) {
      child = newNode();
      node.next.set(c, child);
    }
    node = child;
  }
  if (first.isPrefix) (node.prefix ??= []).push(term);
  else (node.exact ??= []).push(term);
}

for (const s of SUBSTANCES) {
  for (const t of s.strong) addTerm(t, false, null, s);
  for (const t of s.weak) addTerm(t, true, null, s);
}
for (const g of GROUPS) {
  for (const t of g.strong) addTerm(t, false, g.id, null);
  for (const t of g.weak) addTerm(t, true, g.id, null);
}

/** The reason wording and side of a phrase group. */
export function groupInfo(id: LexiconGroupId): { reason: string; side: 'drug' | 'benign' } {
  const g = GROUPS.find((x) => x.id === id);
  return { reason: g?.reason ?? 'phrase', side: g?.side ?? 'drug' };
}

function partMatches(token: string | undefined, part: { text: string; isPrefix: boolean }): boolean {
  if (token === undefined) return false;
  return part.isPrefix ? token.startsWith(part.text) : token === part.text;
}

function candidatesOf(token: string, out: Term[]): void {
  let node: TrieNode | undefined = root;
  for (let i = 0; i < token.length && node; i++) {
    node = node.next.get(token.charCodeAt(i));
    if (node?.prefix) for (const t of node.prefix) out.push(t);
  }
  if (node?.exact) for (const t of node.exact) out.push(t);
}

const scratch: Term[] = [];

/** True when a single token starts any term (used to accept a transliteration or a joined word). */
export function isLexiconToken(token: string): boolean {
  scratch.length = 0;
  candidatesOf(token, scratch);
  for (const t of scratch) if (t.parts.length === 1 || t.parts[0]?.text === token) return true;
  return false;
}

/** True when a single token is a strong drug-side term (transliteration counts as obfuscation then). */
export function isStrongDrugToken(token: string): boolean {
  scratch.length = 0;
  candidatesOf(token, scratch);
  for (const t of scratch)
    if (t.parts.length === 1 && !t.isWeak && (t.substance || (t.group && groupInfo(t.group).side === 'drug'))) return true;
  return false;
}

// Tokens repeat (Zipf): remember each token's candidate terms.
const candidateCache = new Map<string, Term[]>();
const CANDIDATE_CACHE_MAX = 200_000;
const NONE: Term[] = [];

/** The terms a token may start (cached). */
export function cachedCandidates(token: string): readonly Term[] {
  let c = candidateCache.get(token);
  if (c) return c;
  const found: Term[] = [];
  candidatesOf(token, found);
  c = found.length ? found : NONE;
  if (candidateCache.size >= CANDIDATE_CACHE_MAX) candidateCache.clear();
  candidateCache.set(token, c);
  return c;
}

/**
 * Every term occurrence in a folded token list, in text order. `candidates[i]`, when given, must be
 * `cachedCandidates(tokens[i])` (the classifier view keeps them with its tokens).
 */
export function findTerms(tokens: readonly string[], candidates?: readonly (readonly Term[])[]): TermHit[] {
  const hits: TermHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const found = candidates ? candidates[i]! : cachedCandidates(tokens[i]!);
    for (let j = 0; j < found.length; j++) {
      const term = found[j]!;
      const parts = term.parts;
      if (parts.length === 1) {
        hits.push({ term, at: i, matched: tokens[i]! });
        continue;
      }
      let ok = true;
      for (let k = 1; k < parts.length && ok; k++) ok = partMatches(tokens[i + k], parts[k]!);
      if (!ok) continue;
      let matched = tokens[i]!;
      for (let k = 1; k < parts.length; k++) matched += ` ${tokens[i + k]!}`;
      hits.push({ term, at: i, matched });
    }
  }
  return hits;
}
