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
const newSlot = (): TokenSlot => ({ hash: 0, index: -1, w: null, s0: 0, s1: 0, s2: 0 });

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

type RawToken = { text: string; sep: string };

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

// Tokens repeat (Zipf): remember each token's finished form, the tricks it showed and the lexicon
// terms the finished form may start.
type FinishedToken = { out: string; tricks: Obfuscation[]; candidates: readonly Term[]; slot: TokenSlot };
const tokenCache = new Map<string, FinishedToken>();
const TOKEN_CACHE_MAX = 200_000;

function finishToken(raw: string, tricks: Set<Obfuscation>): FinishedToken {
  let hit = tokenCache.get(raw);
  if (!hit) {
    hit = newFinished(raw);
    if (tokenCache.size >= TOKEN_CACHE_MAX) tokenCache.clear();
    tokenCache.set(raw, hit);
  }
  for (let i = 0; i < hit.tricks.length; i++) tricks.add(hit.tricks[i]!);
  return hit;
}

function newFinished(raw: string): FinishedToken {
  const local = new Set<Obfuscation>();
  const out = finishTokenUncached(raw, local);
  return { out, tricks: [...local], candidates: cachedCandidates(out), slot: newSlot() };
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
          out.push({ text: letters.slice(0, take).join(''), sep: t.sep });
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

const EMO_TOKEN = new Map<string, string>([...new Set(EMOJI.values())].map((c) => [c, `emo_${c}`]));
const EMO_SLOT = new Map<string, TokenSlot>([...EMO_TOKEN.values()].map((t) => [t, newSlot()]));

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

// Reused between calls (cleared at the start of each; nothing keeps a reference).
const scratchText: string[] = [];
const scratchSep: string[] = [];
const scratchFin: (FinishedToken | null)[] = [];

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
  for (let i = 0; i < n; i++) {
    const l = LOWER[text.charCodeAt(i)]!;
    if (l === 0) {
      const lowered = text.toLowerCase();
      if (low.length < lowered.length + 1) low = new Uint16Array(lowered.length * 2 + 1);
      for (let k = 0; k < lowered.length; k++) low[k] = lowered.charCodeAt(k);
      return lowered.length;
    }
    low[i] = l;
  }
  return n;
}

// Raw tokens, interned by their code units (open addressing, grown as needed, so that it stays
// small and in cache), so that a known token costs no substring and no string hashing.
const INTERN_MAX_BITS = 18;
let internBits = 12;
let internHash = new Int32Array(1 << internBits);
let internStr: (string | undefined)[] = new Array<string | undefined>(1 << internBits);
// the finished form of each interned raw token (filled on first use), so a known token costs one look-up
let internFin: (FinishedToken | undefined)[] = new Array<FinishedToken | undefined>(1 << internBits);
let internCount = 0;
// the table slot `intern` last returned (its `internFin` entry belongs to the returned string)
let lastInternSlot = -1;

function internSlot(h: number): number {
  let slot = Math.imul(h, 0x9e3779b1) >>> (32 - internBits);
  while (internStr[slot] !== undefined) slot = (slot + 1) & ((1 << internBits) - 1);
  return slot;
}

function intern(h: number, from: number, to: number): string {
  const mask = (1 << internBits) - 1;
  let slot = Math.imul(h, 0x9e3779b1) >>> (32 - internBits);
  const len = to - from;
  for (;;) {
    const s = internStr[slot];
    if (s === undefined) break;
    if (internHash[slot] === h && s.length === len) {
      let k = 0;
      while (k < len && s.charCodeAt(k) === low[from + k]) k++;
      if (k === len) {
        lastInternSlot = slot;
        return s;
      }
    }
    slot = (slot + 1) & mask;
  }
  const str = String.fromCharCode.apply(null, low.subarray(from, to) as unknown as number[]);
  if (internCount >= 1 << (internBits - 1)) {
    const oldHash = internHash;
    const oldStr = internStr;
    const oldFin = internFin;
    if (internBits < INTERN_MAX_BITS) internBits++;
    internHash = new Int32Array(1 << internBits);
    internStr = new Array<string | undefined>(1 << internBits);
    internFin = new Array<FinishedToken | undefined>(1 << internBits);
    internCount = 0;
    // at the largest size, start over; else move the entries
    if (oldStr.length < internStr.length)
      for (let i = 0; i < oldStr.length; i++) {
        const s = oldStr[i];
        if (s === undefined) continue;
        const at = internSlot(oldHash[i]!);
        internHash[at] = oldHash[i]!;
        internStr[at] = s;
        internFin[at] = oldFin[i];
        internCount++;
      }
  }
  slot = internSlot(h);
  internHash[slot] = h;
  internStr[slot] = str;
  internFin[slot] = undefined;
  internCount++;
  lastInternSlot = slot;
  return str;
}

/** Builds the classifier view from an extraction view's text; adds the tricks it finds. */
export function classifierView(extractionText: string, tricks: Set<Obfuscation>): ClassifierView {
  const n = lowerInto(extractionText);
  const text = low;
  // raw tokens and the separators before them; a separator only matters for one-letter tokens
  // (spaced-out words), so it is only built for those
  const rawText = scratchText;
  const rawSep = scratchSep;
  const rawFin = scratchFin;
  rawText.length = 0;
  rawSep.length = 0;
  rawFin.length = 0;
  const emoji: string[] = [];
  let start = -1;
  let h = 0;
  let sepLen = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let spacedCandidate = false;
  let singleRun = 0;
  for (let i = 0; i <= n; i++) {
    let c = i < n ? text[i]! : 32;
    if (i < n && WORD_CLASS[c] !== 0) {
      if (start < 0) {
        start = i;
        h = 0x811c9dc5;
      }
      h = Math.imul(h ^ c, 16777619);
      continue;
    }
    if (i < n && (c === 64 || c === 36) && start >= 0 && WORD_CLASS[text[i - 1]!] === 2 && i + 1 < n && WORD_CLASS[text[i + 1]!] === 2) {
      h = Math.imul(h ^ c, 16777619);
      continue;
    }
    const at = i;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      c = ((c - 0xd800) << 10) + (text[i + 1]! - 0xdc00) + 0x10000;
      i++;
    }
    const code = c >= 0x2600 ? EMOJI.get(c) : undefined;
    if (code || start >= 0) {
      if (start >= 0) {
        const single = at - start === 1;
        const str = intern(h, start, at);
        let fin = internFin[lastInternSlot];
        if (fin === undefined) {
          fin = newFinished(str);
          internFin[lastInternSlot] = fin;
        }
        rawText.push(str);
        rawFin.push(fin);
        rawSep.push(single ? sepString(sepLen, s0, s1, s2, s3) : '');
        // joinSpaced only acts on runs of three or more one-letter tokens
        if (single && isLetterCode(text[start]!)) {
          if (++singleRun >= 3) spacedCandidate = true;
        } else singleRun = 0;
      }
      start = -1;
      sepLen = 0;
    }
    if (i >= n) break;
    if (code) {
      singleRun = 0;
      emoji.push(code);
      rawText.push(EMO_TOKEN.get(code)!);
      rawFin.push(null);
      rawSep.push('\n');
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
  let joined = rawText;
  if (spacedCandidate) {
    const raw: RawToken[] = rawText.map((t, k) => ({ text: t, sep: rawSep[k]! }));
    joined = joinSpaced(raw, tricks).map((r) => r.text);
  }
  const tokens: string[] = new Array<string>(joined.length);
  const candidates: (readonly Term[])[] = new Array<readonly Term[]>(joined.length);
  const slots: TokenSlot[] = new Array<TokenSlot>(joined.length);
  for (let k = 0; k < joined.length; k++) {
    const t = joined[k]!;
    const known = spacedCandidate ? null : rawFin[k]!;
    if (known !== null) {
      for (let i = 0; i < known.tricks.length; i++) tricks.add(known.tricks[i]!);
      tokens[k] = known.out;
      candidates[k] = known.candidates;
      slots[k] = known.slot;
    } else if (t.startsWith('emo_')) {
      tokens[k] = t;
      candidates[k] = cachedCandidates(t);
      slots[k] = EMO_SLOT.get(t) ?? newSlot();
    } else {
      const f = finishToken(t, tricks);
      tokens[k] = f.out;
      candidates[k] = f.candidates;
      slots[k] = f.slot;
    }
  }
  return { tokens, emoji, candidates, slots };
}
