/**
 * One simple, consistent Cyrillic → ASCII Latin table for Russian and Kazakh letters, close to the
 * passport practice in Kazakhstan (й → i as in "Aigerim", х → kh, ц → ts, ю → yu, я → ya). Kazakh letters
 * drop their diacritics (ә → a, ғ → g, қ → k, ң → n, ө → o, ұ/ү → u, һ → h, і → i). The output holds
 * only ASCII letters, spaces and hyphens.
 */
const TABLE: Readonly<Record<string, string>> = {
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
  й: 'i',
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
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

function transliterateWord(word: string): string {
  let out = '';
  for (const ch of word.toLowerCase()) {
    const mapped = TABLE[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch >= 'a' && ch <= 'z') out += ch;
    // Anything else (digits, apostrophes, stray symbols) is dropped to keep the output name-safe.
  }
  return out.length === 0 ? out : out[0]!.toUpperCase() + out.slice(1);
}

/**
 * Transliterates a Cyrillic name or phrase. Each space- or hyphen-separated part is capitalised
 * ("Нұрланова Әйгерім" → "Nurlanova Aigerim", "Жибек-жолы" → "Zhibek-Zholy").
 */
export function transliterate(text: string): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) =>
      word
        .split('-')
        .map(transliterateWord)
        .filter((part) => part.length > 0)
        .join('-'),
    )
    .filter((word) => word.length > 0)
    .join(' ');
}
