import type { Rng } from '../../../kernel/synthetic/index.ts';

/** The tricks drug shops use to dodge filters, applied to corpus texts (only to chosen key words). */

const TO_LATIN: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  х: 'x',
  у: 'y',
  к: 'k',
  м: 'm',
  т: 't',
  А: 'A',
  Е: 'E',
  О: 'O',
  Р: 'P',
  С: 'C',
  К: 'K',
  М: 'M',
  Т: 'T',
};
const TO_CYR: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к', m: 'м' };
const LEET: Record<string, string[]> = {
  а: ['4', '@'],
  о: ['0'],
  з: ['3'],
  е: ['3'],
  б: ['6'],
  a: ['4', '@'],
  o: ['0'],
  e: ['3'],
  i: ['1'],
  s: ['5', '$'],
  и: ['u'],
};
const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const INVISIBLE = ['\u200B', '\u200C', '\u2060', '\u00AD', '\uFEFF'];

export type Trick = 'homoglyphs' | 'leetspeak' | 'spacing' | 'invisible' | 'transliteration' | 'link' | 'emoji';

function mapSome(word: string, rng: Rng, table: Record<string, string | string[]>, p: number): string {
  let changed = false;
  const out = [...word].map((ch) => {
    const r = table[ch];
    if (r === undefined || !rng.bool(p)) return ch;
    changed = true;
    return Array.isArray(r) ? rng.pick(r) : r;
  });
  if (!changed) {
    const i = out.findIndex((ch) => table[ch] !== undefined);
    if (i >= 0) {
      const r = table[out[i]!]!;
      out[i] = Array.isArray(r) ? rng.pick(r) : r;
    }
  }
  return out.join('');
}

/** Rewrites one word with a trick. */
export function obfuscateWord(word: string, trick: Trick, rng: Rng): string {
  switch (trick) {
    case 'homoglyphs':
      return /[а-яё]/i.test(word) ? mapSome(word, rng, TO_LATIN, 0.5) : mapSome(word, rng, TO_CYR, 0.5);
    case 'leetspeak':
      return mapSome(word, rng, LEET, 0.6);
    case 'spacing':
      return [...word].join(rng.pick([' ', '.', ' ', '-', '_', '*', ' . ']));
    case 'invisible': {
      const chars = [...word];
      const inv = rng.pick(INVISIBLE);
      return chars.map((c, i) => (i > 0 && rng.bool(0.5) ? inv + c : c)).join('');
    }
    case 'transliteration':
      return [...word.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join('');
    default:
      return word;
  }
}

/** Obfuscates the given key words (whole-word, case-insensitive) of a text with one or two tricks. */
export function obfuscateText(text: string, keys: readonly string[], tricks: readonly Trick[], rng: Rng): string {
  let out = text;
  for (const trick of tricks) {
    if (trick === 'transliteration' && rng.bool(0.4)) {
      out = [...out].map((c) => TRANSLIT[c.toLowerCase()] ?? c).join('');
      continue;
    }
    if (trick === 'link') {
      out = out
        .replace(/t\.me\//g, () => rng.pick(['t . me / ', 't(.)me/', 't[.]me/', 't .me/', 't. me /']))
        .replace(/\.(kz|ru|com|net|biz|io|me|su|cc|top|xyz|site|shop|store|online|org|to|ws|onion)\b/g, (_m, tld: string) =>
          rng.pick([`[.]${tld}`, ` (dot) ${tld}`, `(.)${tld}`, ` . ${tld}`, ` точка ${tld}`]),
        );
      continue;
    }
    for (const key of keys) {
      if (!key) continue;
      const re = new RegExp(`(?<![\\p{L}])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'giu');
      out = out.replace(re, (m) => obfuscateWord(m, trick, rng));
    }
  }
  return out;
}
