import type { Language } from '../lib/api-types';

function stripGenericWord(name: string, language: Language): string {
  switch (language) {
    case 'kk':
      return name.replace(/\s+облысы$/u, '');
    case 'ru':
      return name.replace(/^область\s+/u, '').replace(/\s+область$/u, '');
    default:
      return name.replace(/\s+Region$/u, '');
  }
}

/**
 * A region's name without the generic word for "region", to fit a map tile or chart label — unless
 * that would make it read like another place (Almaty Region vs the city of Almaty).
 */
export function shortRegionName(name: string, language: Language, allNames: readonly string[]): string {
  const short = stripGenericWord(name, language);
  return short !== name && allNames.includes(short) ? name : short;
}
