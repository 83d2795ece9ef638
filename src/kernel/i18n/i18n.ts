import i18next, { type TFunction } from 'i18next';
import en from './locales/en.json' with { type: 'json' };
import kk from './locales/kk.json' with { type: 'json' };
import ru from './locales/ru.json' with { type: 'json' };

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ru';
export const SERVER_CATALOGUES = { kk, ru, en } as const;

const instance = i18next.createInstance();
void instance.init({
  resources: { kk: { translation: kk }, ru: { translation: ru }, en: { translation: en } },
  lng: DEFAULT_LOCALE,
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Picks kk/ru/en from an Accept-Language header (first supported tag wins). */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const tags = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) if (isLocale(tag)) return tag;
  return DEFAULT_LOCALE;
}

/** A translator for server messages that people read (problem titles, CLI output). */
export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}
