import { cachedCandidates, foldWord, isLexiconToken, isStrongDrugToken, type Term } from './lexicon.ts';
import { scriptOf, type Obfuscation } from './normalize.ts';
import {
  EMOJI,
  LEET_CYR,
  LEET_CYR_ALT,
  LEET_LAT,
  NUMBER_UNIT,
  TRANSLIT_MULTI,
  TRANSLIT_ONE,
  TRANSLIT_STOP,
} from './normalize-words.data.ts';

/**
 * The classifier view: folded lower-case word tokens with digits-for-letters undone in word context,
 * spaced-out letters (`з а к л а д к и`, `з.а.к.л.а.д.к.и`) joined, Latin transliteration of
 * Russian/Kazakh slang mapped back to Cyrillic, and emoji used as code turned into tokens.
 */

/** `candidates[i]`: the lexicon terms that token i may start (see lexicon.ts `cachedCandidates`). */
export type ClassifierView = { tokens: string[]; emoji: string[]; candidates?: (readonly Term[])[]; slots?: TokenSlot[] };

/**
 * Per distinct token, a slot where feature code caches what depends on the token alone (its hash,
 * the sums of its n-gram weights); `slots[i]` is the same object whenever token i is the same
 * (cached) token, so no look-up is needed.
 */
export type TokenSlot = { hash: number; index: number; w: Float32Array | null; s0: number; s1: number; s2: number };

function latToCyr(word: string, c: string, y: string): string {
  let out = '';
  let i = 0;
  outer: while (i < word.length) {
    for (const [lat, cyr] of TRANSLIT_MULTI) {
      if (word.startsWith(lat, i)) {
        out += cyr;
        i += lat.length;
        continue outer;
      }
    }
    const ch = word[i]!;
    out += ch === 'c' ? c : ch === 'y' ? y : (TRANSLIT_ONE[ch] ?? ch);
    i++;
  }
  return out;
}

const isLetterCode = (c: number): boolean =>
  scriptOf(c) !== 0 || (c > 0x52f && c < 0x2000) || (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
// Per code unit: 1 for an ASCII digit, 2 for a letter (isLetterCode), else 0 — one look-up per character
const WORD_CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) WORD_CLASS[c] = c >= 48 && c <= 57 ? 1 : isLetterCode(c) ? 2 : 0;

/** A raw token (`fin`: its finished form; null once joined from spaced-out letters) and the separator before it. */
type RawToken = { text: string; sep: string; fin: FinishedToken | null };

function undoLeet(tok: string, tricks: Set<Obfuscation>): string {
  const folded = foldWord(tok);
  if (isLexiconToken(folded) || NUMBER_UNIT.test(tok)) return tok;
  let letters = 0;
  let cyr = 0;
  for (let i = 0; i < tok.length; i++) {
    const s = scriptOf(tok.charCodeAt(i));
    if (s) letters++;
    if (s === 2) cyr++;
  }
  if (letters < 2) return tok;
  // digits count as letters only between letters, or as one or two leading characters of a word
  const lead = /^[0-9@$]{1,2}(?=\p{L}{3})/u.test(tok);
  const inner = /\p{L}[0-9@$]+(?=\p{L})/u.test(tok);
  if (!lead && !inner) return tok;
  const maps = cyr * 2 >= letters ? [LEET_CYR, LEET_CYR_ALT] : [LEET_LAT];
  let first = '';
  for (const map of maps) {
    let out = '';
    let changed = 0;
    for (let i = 0; i < tok.length; i++) {
      const ch = tok[i]!;
      const prevLetter = i > 0 && isLetterCode(tok.charCodeAt(i - 1));
      const r = map.get(ch);
      if (r && (prevLetter || i < 2) && i + 1 < tok.length) {
        out += r;
        changed++;
      } else out += ch;
    }
    if (changed > 0 && isLexiconToken(foldWord(out))) {
      tricks.add('leetspeak');
      return out;
    }
    if (!first) {
      first = out;
      if (changed >= 2) tricks.add('leetspeak');
    }
  }
  return first;
}

function finishTokenUncached(raw: string, tricks: Set<Obfuscation>): string {
  let tok = raw;
  let hasDigitish = false;
  let hasLetter = false;
  let isAsciiLower = true;
  let repeats = false;
  for (let i = 0; i < tok.length; i++) {
    const c = tok.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64 || c === 36) hasDigitish = true;
    else if (isLetterCode(c)) hasLetter = true;
    if (c < 97 || c > 122) isAsciiLower = false;
    if (i >= 2 && c === tok.charCodeAt(i - 1) && c === tok.charCodeAt(i - 2)) repeats = true;
  }
  if (hasDigitish && hasLetter) tok = undoLeet(tok, tricks);
  tok = foldWord(tok);
  if (repeats) tok = tok.replace(/(\p{L})\1{2,}/gu, '$1');
  if (isAsciiLower && tok.length >= 3 && tok.length <= 24 && !TRANSLIT_STOP.has(tok) && !isLexiconToken(tok)) {
    for (const [c, y] of [
      ['ц', 'ы'],
      ['к', 'и'],
    ] as const) {
      const cand = foldWord(latToCyr(tok, c, y));
      if (isLexiconToken(cand)) {
        if (isStrongDrugToken(cand)) tricks.add('transliteration');
        return cand;
      }
    }
  }
  return tok;
}

// Tokens repeat (Zipf): remember each raw token's finished form, the tricks it showed and the
// lexicon terms the finished form may start. The object is also the token's TokenSlot (one object,
// one hidden class: a token costs one memory load, not three).
type FinishedToken = TokenSlot & { raw: string; out: string; tricks: readonly Obfuscation[]; candidates: readonly Term[] };
const NO_TRICKS: readonly Obfuscation[] = [];
const finished = (raw: string, out: string, tricks: readonly Obfuscation[], candidates: readonly Term[]): FinishedToken => ({
  raw,
  out,
  tricks,
  candidates,
  hash: 0,
  index: -1,
  w: null,
  s0: 0,
  s1: 0,
  s2: 0,
});

function addTricks(fin: FinishedToken, tricks: Set<Obfuscation>): void {
  if (fin.tricks === NO_TRICKS) return;
  for (let i = 0; i < fin.tricks.length; i++) tricks.add(fin.tricks[i]!);
}

// finished forms of joined (spaced-out) words
const tokenCache = new Map<string, FinishedToken>();
const TOKEN_CACHE_MAX = 200_000;

function finishToken(raw: string): FinishedToken {
  let hit = tokenCache.get(raw);
  if (!hit) {
    hit = newFinished(raw);
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(raw, hit);
  }
  return hit;
}

function newFinished(raw: string): FinishedToken {
  const local = new Set<Obfuscation>();
  const out = finishTokenUncached(raw, local);
  return finished(raw, out, local.size > 0 ? [...local] : NO_TRICKS, cachedCandidates(out));
}

// Runs of single letters with the same separator are one spaced-out word.
function joinSpaced(raw: RawToken[], tricks: Set<Obfuscation>): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  while (i < raw.length) {
    const t = raw[i]!;
    const isSingle = t.text.length === 1 && isLetterCode(t.text.charCodeAt(0));
    if (isSingle && i + 2 < raw.length) {
      const sep = raw[i + 1]!.sep;
      let j = i + 1;
      while (
        j < raw.length &&
        raw[j]!.sep === sep &&
        raw[j]!.text.length === 1 &&
        isLetterCode(raw[j]!.text.charCodeAt(0)) &&
        !sep.includes('\n')
      )
        j++;
      const n = j - i;
      if (n >= 3) {
        const letters = raw.slice(i, j).map((r) => r.text);
        // the longest lexicon word at the start of the run (the run may swallow a following "в", "и")
        let take = 0;
        for (let k = n; k >= 3 && !take; k--) if (isLexiconToken(foldWord(letters.slice(0, k).join('')))) take = k;
        if (!take && n >= 4) take = n;
        if (take) {
          out.push({ text: letters.slice(0, take).join(''), sep: t.sep, fin: null });
          tricks.add('spacing');
          i += take;
          continue;
        }
      }
    }
    out.push(t);
    i++;
  }
  return out;
}

// emoji code → its token (`emo_<code>`), finished (emoji tokens are not word tokens: no tricks)
const EMO_FIN = new Map<string, FinishedToken>(
  [...new Set(EMOJI.values())].map((c) => {
    const t = `emo_${c}`;
    return [c, finished(t, t, NO_TRICKS, cachedCandidates(t))];
  }),
);

/** A separator (at most four characters, newlines and tabs folded) as a string. */
function sepString(len: number, a: number, b: number, c: number, d: number): string {
  switch (len) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(a);
    case 2:
      return String.fromCharCode(a, b);
    case 3:
      return String.fromCharCode(a, b, c);
    default:
      return String.fromCharCode(a, b, c, d);
  }
}

// Reused between calls (only the first `count` entries belong to the current call; they are
// overwritten, not cleared, so that the arrays keep their capacity).
const rawFin: FinishedToken[] = [];
const rawSep: string[] = [];

// Lower case of one code unit, as `toLowerCase` gives it anywhere in a text; 0 where it depends on
// the context or is not one code unit (final sigma, "İ", astral letters), so the text is lowered whole.
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const l = String.fromCharCode(c).toLowerCase();
  LOWER[c] = l.length === 1 ? l.charCodeAt(0) : 0;
}
LOWER[0x3a3] = 0;
// high surrogates: only the emoji planes' (no case) are safe one unit at a time
for (let c = 0xd800; c <= 0xdbff; c++) LOWER[c] = c >= 0xd83c && c <= 0xd83e ? c : 0;

let low = new Uint16Array(8192);

/** The text lower-cased into `low`; returns its length. */
function lowerInto(text: string): number {
  const n = text.length;
  if (low.length < n + 1) low = new Uint16Array(n * 2 + 1);
  // (tables in locals and no branch in the loop: this runs once per character)
  const out = low;
  const table = LOWER;
  let unsure = 0;
  for (let i = 0; i < n; i++) {
    const l = table[text.charCodeAt(i)]!;
    unsure |= l === 0 ? 1 : 0;
    out[i] = l;
  }
  if (unsure === 0) return n;
  const lowered = text.toLowerCase();
  if (low.length < lowered.length + 1) low = new Uint16Array(lowered.length * 2 + 1);
  for (let k = 0; k < lowered.length; k++) low[k] = lowered.charCodeAt(k);
  return lowered.length;
}

// Raw tokens, interned by their code units in an open-addressing table (grown as needed, so that it
// stays small and in cache). Entry i is table[4i … 4i + 3]: the hash, 1 + the token's index in
// `interned` (its finished form; 0: an empty entry), and the offset and length of its code units
// in `pool`. A known token costs no substring, no string hashing and no Map look-up, and is
// compared without touching its string; `interned` and `pool` are in first-seen order, so frequent
// tokens sit together.
const INTERN_MAX_BITS = 18;
let internBits = 12;
let table = new Int32Array(4 << internBits);
let interned: FinishedToken[] = [];
let pool = new Uint16Array(1 << 16);
let poolUsed = 0;

function freeEntry(h: number): number {
  const mask = (1 << internBits) - 1;
  let slot = Math.imul(h, 0x9e3779b1) >>> (32 - internBits);
  while (table[4 * slot + 1] !== 0) slot = (slot + 1) & mask;
  return 4 * slot;
}

/** The finished form of the raw token low[from, to) with hash h. */
function intern(h: number, from: number, to: number): FinishedToken {
  const mask = (1 << internBits) - 1;
  let slot = Math.imul(h, 0x9e3779b1) >>> (32 - internBits);
  const len = to - from;
  const entries = table;
  const chars = pool;
  const text = low;
  for (;;) {
    const e = 4 * slot;
    const id = entries[e + 1]!;
    if (id === 0) break;
    if (entries[e] === h && entries[e + 3] === len) {
      const off = entries[e + 2]! - from;
      let k = from;
      while (k < to && chars[off + k] === text[k]) k++;
      if (k === to) return interned[id - 1]!;
    }
    slot = (slot + 1) & mask;
  }
  const str = String.fromCharCode.apply(null, low.subarray(from, to) as unknown as number[]);
  if (interned.length >= 1 << (internBits - 1)) {
    // at the largest size, start over; else move the entries
    if (internBits < INTERN_MAX_BITS) {
      const old = table;
      internBits++;
      table = new Int32Array(4 << internBits);
      for (let e = 0; e < old.length; e += 4) {
        if (old[e + 1] === 0) continue;
        table.set(old.subarray(e, e + 4), freeEntry(old[e]!));
      }
    } else {
      table = new Int32Array(4 << internBits);
      interned = [];
      poolUsed = 0;
    }
  }
  const fin = newFinished(str);
  interned.push(fin);
  if (poolUsed + len > pool.length) {
    const grown = new Uint16Array(Math.max(pool.length * 2, poolUsed + len));
    grown.set(pool.subarray(0, poolUsed));
    pool = grown;
  }
  pool.set(low.subarray(from, to), poolUsed);
  const at = freeEntry(h);
  table[at] = h;
  table[at + 1] = interned.length;
  table[at + 2] = poolUsed;
  table[at + 3] = len;
  poolUsed += len;
  return fin;
}

/** Builds the classifier view from an extraction view's text; adds the tricks it finds. */
export function classifierView(extractionText: string, tricks: Set<Obfuscation>): ClassifierView {
  const n = lowerInto(extractionText);
  const text = low;
  text[n] = 32; // a space after the end closes the last token (lowerInto leaves room for it)
  const wordClass = WORD_CLASS;
  // raw tokens (finished) and the separators before them; a separator only matters for one-letter
  // tokens (spaced-out words), so it is only built for those
  const fins = rawFin;
  const seps = rawSep;
  let count = 0;
  const emoji: string[] = [];
  let sepLen = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let spacedCandidate = false;
  let singleRun = 0;
  for (let i = 0; i <= n; i++) {
    let c = text[i]!;
    if (wordClass[c] !== 0) {
      // a word token, hashed in one go (with '@' or '$' between two letters: з@кл@дки)
      const start = i;
      let h = 0x811c9dc5;
      for (;;) {
        h = Math.imul(h ^ c, 16777619);
        c = text[++i]!;
        if (wordClass[c] !== 0) continue;
        if ((c === 64 || c === 36) && wordClass[text[i - 1]!] === 2 && i + 1 < n && wordClass[text[i + 1]!] === 2) continue;
        break;
      }
      const single = i - start === 1;
      fins[count] = intern(h, start, i);
      seps[count] = single ? sepString(sepLen, s0, s1, s2, s3) : '';
      count++;
      // joinSpaced only acts on runs of three or more one-letter tokens
      if (single && isLetterCode(text[start]!)) {
        if (++singleRun >= 3) spacedCandidate = true;
      } else singleRun = 0;
      sepLen = 0;
      // c = text[i], the character after the token, is handled below
    }
    if (i >= n) break;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      c = ((c - 0xd800) << 10) + (text[i + 1]! - 0xdc00) + 0x10000;
      i++;
    }
    const code = c >= 0x2600 ? EMOJI.get(c) : undefined;
    if (code) {
      singleRun = 0;
      emoji.push(code);
      fins[count] = EMO_FIN.get(code)!;
      seps[count] = '\n';
      count++;
      sepLen = 1;
      s0 = 10;
      continue;
    }
    if (sepLen < 4) {
      const sc = c === 10 || c === 13 ? 10 : c === 9 || c > 0xffff ? 32 : c;
      if (sepLen === 0) s0 = sc;
      else if (sepLen === 1) s1 = sc;
      else if (sepLen === 2) s2 = sc;
      else s3 = sc;
      sepLen++;
    }
  }
  if (spacedCandidate) {
    const raw: RawToken[] = new Array<RawToken>(count);
    for (let k = 0; k < count; k++) raw[k] = { text: fins[k]!.raw, sep: seps[k]!, fin: fins[k]! };
    const joined = joinSpaced(raw, tricks);
    count = joined.length;
    for (let k = 0; k < count; k++) fins[k] = joined[k]!.fin ?? finishToken(joined[k]!.text);
  }
  const tokens: string[] = new Array<string>(count);
  const candidates: (readonly Term[])[] = new Array<readonly Term[]>(count);
  const slots: TokenSlot[] = new Array<TokenSlot>(count);
  for (let k = 0; k < count; k++) {
    const fin = fins[k]!;
    addTricks(fin, tricks);
    tokens[k] = fin.out;
    candidates[k] = fin.candidates;
    slots[k] = fin;
  }
  return { tokens, emoji, candidates, slots };
}
