import { isKnownTld } from './psl.ts';

/**
 * Two views of a text that defeat the usual tricks (invisible characters, homoglyphs, obfuscated
 * links). The extraction view keeps case and punctuation so indicators can be found and
 * canonicalised; the classifier view (normalize-words.ts) is built from it.
 */

/** Obfuscation tricks found while normalising (features and reasons). */
export type Obfuscation = 'homoglyphs' | 'leetspeak' | 'spacing' | 'invisible' | 'transliteration' | 'link';

export type ExtractionView = { text: string; tricks: Set<Obfuscation> };

// Invisible characters: zero-width, bidi controls, soft hyphen, fillers. Variation selectors and the
// zero-width joiner belong to emoji, so they are dropped without counting as a trick.
const INVISIBLE =
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]/g;
const EMOJI_GLUE = /[\u200D\uFE0E\uFE0F]/g;
// Per code unit: is it invisible (INVISIBLE), emoji glue (EMOJI_GLUE) or a full-width form?
const F_INVISIBLE = 1;
const F_GLUE = 2;
const F_FULLWIDTH = 4;
const CHAR_FLAGS = new Uint8Array(0x10000);
// the ranges are read from the two character classes' sources (`\uXXXX` or `\uXXXX-\uYYYY`)
for (const [re, flag] of [
  [INVISIBLE, F_INVISIBLE],
  [EMOJI_GLUE, F_GLUE],
] as const)
  for (const m of re.source.matchAll(/\\u([0-9A-Fa-f]{4})(?:-\\u([0-9A-Fa-f]{4}))?/g))
    for (let c = parseInt(m[1]!, 16); c <= parseInt(m[2] ?? m[1]!, 16); c++) CHAR_FLAGS[c]! |= flag;
CHAR_FLAGS.fill(F_FULLWIDTH, 0xff01, 0xff5f);

// Homoglyphs, both directions. Greek look-alikes go to Latin first.
const LAT_TO_CYR = new Map<string, string>(
  Object.entries({
    A: 'А',
    B: 'В',
    C: 'С',
    E: 'Е',
    H: 'Н',
    K: 'К',
    M: 'М',
    O: 'О',
    P: 'Р',
    T: 'Т',
    X: 'Х',
    Y: 'У',
    a: 'а',
    c: 'с',
    e: 'е',
    o: 'о',
    p: 'р',
    x: 'х',
    y: 'у',
    k: 'к',
    m: 'м',
    n: 'п',
    u: 'и',
    r: 'г',
    b: 'ь',
    i: 'і',
    t: 'т',
  }),
);
const CYR_TO_LAT = new Map<string, string>(
  Object.entries({
    А: 'A',
    В: 'B',
    С: 'C',
    Е: 'E',
    Н: 'H',
    К: 'K',
    М: 'M',
    О: 'O',
    Р: 'P',
    Т: 'T',
    Х: 'X',
    У: 'Y',
    І: 'I',
    Ј: 'J',
    Ѕ: 'S',
    а: 'a',
    с: 'c',
    е: 'e',
    о: 'o',
    р: 'p',
    х: 'x',
    у: 'y',
    к: 'k',
    м: 'm',
    т: 't',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ӏ: 'l',
    ԛ: 'q',
    ԝ: 'w',
    г: 'r',
    п: 'n',
    и: 'u',
    ь: 'b',
    в: 'b',
    н: 'h',
  }),
);
const GREEK_TO_LAT = new Map<string, string>(
  Object.entries({
    α: 'a',
    ο: 'o',
    ρ: 'p',
    ε: 'e',
    κ: 'k',
    τ: 't',
    ν: 'v',
    ι: 'i',
    χ: 'x',
    υ: 'u',
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Χ: 'X',
    Υ: 'Y',
    Ζ: 'Z',
  }),
);

const enum Script {
  None = 0,
  Latin = 1,
  Cyrillic = 2,
  Greek = 3,
}

function scriptOfSlow(c: number): number {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) return Script.Latin;
  if (c >= 0x400 && c <= 0x52f) return Script.Cyrillic;
  if (c >= 0x370 && c <= 0x3ff) return Script.Greek;
  return Script.None;
}
// Scripts of the code units below U+0530 (every letter scriptOf knows), as a table.
const SCRIPT_TABLE = Uint8Array.from({ length: 0x530 }, (_, c) => scriptOfSlow(c));

/** Script of one UTF-16 code unit (letters only). */
export function scriptOf(c: number): number {
  return c < 0x530 ? SCRIPT_TABLE[c]! : Script.None;
}

// A word with letters of both scripts is rewritten into the script with more letters that have no
// look-alike in the other script (ties: more letters in total; then Latin, as handles and domains are).
function fixWord(word: string, tricks: Set<Obfuscation>): string {
  let lat = 0;
  let cyr = 0;
  let latOnly = 0;
  let cyrOnly = 0;
  let greek = 0;
  for (const ch of word) {
    const s = scriptOf(ch.charCodeAt(0));
    if (s === Script.Latin) {
      lat++;
      if (!LAT_TO_CYR.has(ch)) latOnly++;
    } else if (s === Script.Cyrillic) {
      cyr++;
      if (!CYR_TO_LAT.has(ch)) cyrOnly++;
    } else if (s === Script.Greek) greek++;
  }
  if (greek > 0 && (lat > 0 || cyr > 0)) {
    // Greek letters without a Latin look-alike stay (each round maps at least one, so it ends)
    const mapped = [...word].map((ch) => GREEK_TO_LAT.get(ch) ?? ch).join('');
    if (mapped !== word) {
      tricks.add('homoglyphs');
      return fixWord(mapped, tricks);
    }
  }
  if (lat === 0 || cyr === 0) return word;
  tricks.add('homoglyphs');
  const toCyr = cyrOnly !== latOnly ? cyrOnly > latOnly : cyr > lat;
  const map = toCyr ? LAT_TO_CYR : CYR_TO_LAT;
  let out = '';
  for (const ch of word) out += map.get(ch) ?? ch;
  return out;
}

const isWordCode = (c: number): boolean => c < 0x530 && (SCRIPT_TABLE[c] !== Script.None || (c >= 48 && c <= 57) || c === 95);

// CHAR_FLAGS also marks the characters of fixHomoglyphs' words (F_WORD) and their script (Latin 16,
// Cyrillic 32, Greek 64), so that extractionView's first pass also tells whether a word mixes scripts.
const F_WORD = 8;
for (let c = 0; c < 0x530; c++) {
  const script = SCRIPT_TABLE[c]!;
  if (isWordCode(c)) CHAR_FLAGS[c]! |= F_WORD | (script !== Script.None ? 8 << script : 0);
}
// by the script bits of a word (shifted right by 4): true for two scripts or more
const MIXED = Uint8Array.from({ length: 8 }, (_, b) => ((b & (b - 1)) !== 0 ? 1 : 0));

/** Rewrites mixed-script words (homoglyph tricks) into one script; one pass, no regex. */
export function fixHomoglyphs(text: string, tricks: Set<Obfuscation>): string {
  const flags = CHAR_FLAGS;
  let out: string[] | null = null;
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if ((flags[text.charCodeAt(i)]! & F_WORD) === 0) {
      i++;
      continue;
    }
    const start = i;
    let scripts = 0; // the word's CHAR_FLAGS, or-ed
    for (; i < n; i++) {
      const f = flags[text.charCodeAt(i)]!;
      if ((f & F_WORD) === 0) break;
      scripts |= f;
    }
    if (MIXED[scripts >>> 4]) {
      out ??= [];
      out.push(text.slice(last, start), fixWord(text.slice(start, i), tricks));
      last = i;
    }
  }
  return out ? out.join('') + text.slice(last) : text;
}

// Obfuscated links and handles: shop[.]kz, shop (dot) kz, t . me / x, t(.)me/x, name собака mail.ru.
const BRACKET_DOT = /\s*[[({<]\s*(?:\.|dot|точка|тчк|нукте|нүкте)\s*[\])}>]\s*/gi;
const BRACKET_AT = /\s*[[({<]\s*(?:@|at|собака|собачка)\s*[\])}>]\s*/gi;
const WORD_DOT = /([a-z0-9-])\s+(?:dot|точка|тчк)\s+([a-z]{2,})(?![a-z0-9])/gi;
const SPACED_DOT = /(?<![\p{L}\p{N}])([a-z0-9][a-z0-9-]{1,62})(?:\s+\.\s*|\.\s+)([a-z]{2,12})(?![\p{L}\p{N}])/giu;
const TME = /(?<![\p{L}\p{N}])t\s*[.․·,]\s*me\s*\/\s*(?=[+@\w])/giu;
const TME_SPACED = /(?<![\p{L}\p{N}])(t\s*\.\s*me)\s+\/\s*|(?<![\p{L}\p{N}])t\s+me\s*\/\s*/giu;
const SOBAKA = /([a-z0-9._%+-])\s*(?:собака|собачка|\(собака\))\s*([a-z0-9-]+\.[a-z]{2,})/gi;
const MAIL_PROVIDERS =
  /^(?:gmail\.com|mail\.ru|inbox\.ru|bk\.ru|list\.ru|yandex\.(?:ru|kz|com)|ya\.ru|rambler\.ru|proton\.me|protonmail\.com|outlook\.com|hotmail\.com|yahoo\.com|icloud\.com|tutanota\.com)$/i;
const PLAIN_AT = /([a-z0-9._%+-]+)\s+at\s+([a-z0-9-]+\.[a-z]{2,}(?:\.[a-z]{2,})?)/gi;

const HAS_BRACKET_WORD = /[[({<]\s*(?:\.|dot|точк|тчк|нукте|нүкте|@|at\b|собак)/i;
const HAS_WORD_DOT = /\s(?:dot|точка|тчк)\s/i;
const HAS_TME = /t\s*[.․·,]?\s*me\s*\//i;
const HAS_SPACED_DOT = /[a-z0-9]\s+\.\s*[a-z]|[a-z0-9]\.\s+[a-z]/i;

// Necessary for SPACED_DOT to change anything: a dot with spaces around it followed by a whole
// Latin word of at most six letters that is a known top-level label: for each dot, one scan that
// does what /(?<=[a-z0-9-])(?:\s+\.\s*|\.\s+)([a-z]{2,6})(?![a-z])/giu did (with /iu, [a-z] also
// takes "ſ" and the Kelvin sign).
const isSpaceCode = (c: number): boolean =>
  (c >= 9 && c <= 13) ||
  c === 32 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const isLatinCode = (c: number): boolean => ((c | 32) >= 97 && (c | 32) <= 122) || c === 0x17f || c === 0x212a;
const isHostLabelCode = (c: number): boolean => isLatinCode(c) || (c >= 48 && c <= 57) || c === 45;
function hasSpacedTld(t: string): boolean {
  const n = t.length;
  for (let dot = t.indexOf('.'); dot >= 0; dot = t.indexOf('.', dot + 1)) {
    let before = dot - 1;
    while (before >= 0 && isSpaceCode(t.charCodeAt(before))) before--;
    if (before < 0 || !isHostLabelCode(t.charCodeAt(before))) continue;
    let from = dot + 1;
    while (from < n && isSpaceCode(t.charCodeAt(from))) from++;
    if (before === dot - 1 && from === dot + 1) continue;
    let to = from;
    while (to < n && to - from <= 6 && isLatinCode(t.charCodeAt(to))) to++;
    const len = to - from;
    if (len < 2 || len > 6) continue;
    if (isKnownTld(t.slice(from, to).toLowerCase())) return true;
  }
  return false;
}

function deobfuscateLinks(text: string, tricks: Set<Obfuscation>): string {
  let t = text;
  if (HAS_BRACKET_WORD.test(t)) t = t.replace(BRACKET_DOT, '.').replace(BRACKET_AT, '@');
  if (HAS_WORD_DOT.test(t)) t = t.replace(WORD_DOT, (m, a: string, b: string) => (isKnownTld(b.toLowerCase()) ? `${a}.${b}` : m));
  if (HAS_TME.test(t)) t = t.replace(TME_SPACED, 't.me/').replace(TME, 't.me/');
  if (hasSpacedTld(t) && HAS_SPACED_DOT.test(t))
    t = t.replace(SPACED_DOT, (m, a: string, b: string) =>
      isKnownTld(b.toLowerCase()) && b.length <= 6 && /[a-z]/i.test(a) ? `${a}.${b}` : m,
    );
  if (t.includes('собак')) t = t.replace(SOBAKA, '$1@$2');
  if (/\sat\s/i.test(t)) t = t.replace(PLAIN_AT, (m, a: string, b: string) => (MAIL_PROVIDERS.test(b) ? `${a}@${b}` : m));
  if (t !== text) tricks.add('link');
  return t;
}

/**
 * The extraction view: invisible characters removed, full-width forms folded, homoglyph words
 * rewritten into one script and obfuscated links/handles/e-mails restored. Case is kept.
 */
export function extractionView(raw: string): ExtractionView {
  const tricks = new Set<Obfuscation>();
  let text = raw;
  // one pass over the code units decides which of the rewrites below can change anything
  const flags = CHAR_FLAGS;
  const mixedScripts = MIXED;
  let found = 0;
  let word = 0; // CHAR_FLAGS of the current word, or-ed
  let mixed = 0;
  for (let i = 0, n = text.length; i < n; i++) {
    const f = flags[text.charCodeAt(i)]!;
    found |= f;
    // without branches: a character that is not a word character ends the word, whose scripts are checked
    const inWord = (f >>> 3) & 1;
    mixed |= mixedScripts[word >>> 4]! & (inWord ^ 1);
    word = (word | f) & -inWord;
  }
  mixed |= mixedScripts[word >>> 4]!;
  if (found & F_INVISIBLE) {
    INVISIBLE.lastIndex = 0;
    text = text.replace(INVISIBLE, '');
    tricks.add('invisible');
  }
  if (found & F_GLUE) {
    // a joiner between two letters is a trick; between emoji it is emoji glue
    if (text.includes('\u200D') && /[\p{L}\p{N}]\u200D[\p{L}\p{N}]/u.test(text)) tricks.add('invisible');
    text = text.replace(EMOJI_GLUE, '');
  }
  if (found & F_FULLWIDTH) text = text.normalize('NFKC');
  // an unchanged text without a mixed-script word has nothing for fixHomoglyphs to rewrite
  if (mixed || text !== raw) text = fixHomoglyphs(text, tricks);
  text = deobfuscateLinks(text, tricks);
  return { text, tricks };
}
