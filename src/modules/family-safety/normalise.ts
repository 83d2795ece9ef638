/** Lower case, ё→е, Latin/Cyrillic punctuation removed, single spaces: how names and addresses are compared. */
function base(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/ё/g, 'е')
    .replace(/[.,;:"'«»()\-–—/№#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Иванова  Алёна" and "иванова алена" compare equal; the patronymic is left out on purpose (often missing). */
export function normaliseName(lastName: string, firstName: string): string {
  return `${base(lastName)} ${base(firstName)}`;
}

const ADDRESS_WORDS: [RegExp, string][] = [
  [/(?<=^|\s)(улица|көшесі|street|st)(?=\s|$)/g, 'ул'],
  [/(?<=^|\s)(проспект|даңғылы|avenue|ave)(?=\s|$)/g, 'пр'],
  [/(?<=^|\s)(микрорайон|мкр)(?=\s|$)/g, 'мкр'],
  [/(?<=^|\s)(дом|үй|house)(?=\s|$)/g, 'д'],
  [/(?<=^|\s)(квартира|пәтер|apt|flat)(?=\s|$)/g, 'кв'],
  [/(?<=^|\s)(город|қаласы)(?=\s|$)/g, 'г'],
  [/(?<=^|\s)(село|ауылы)(?=\s|$)/g, 'с'],
];

/** Addresses compared loosely: same words, same numbers, common abbreviations unified. */
export function normaliseAddress(address: string): string {
  let s = base(address);
  for (const [re, to] of ADDRESS_WORDS) s = s.replace(re, to);
  return s.replace(/\s+/g, ' ').trim();
}
