import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import kk from '../locales/kk.json';
import ru from '../locales/ru.json';
import { setRequestLanguage } from '../lib/api';
import type { Language, Localized } from '../lib/api-types';

export const LANGUAGES: readonly Language[] = ['kk', 'ru', 'en'];
const STORAGE_KEY = 'tartip.language';

/** BCP 47 tags for Intl formatting of dates and numbers. */
const INTL_LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language the person chose with the header switch, if they ever did. */
export function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'ru';
}

/** Switches the UI language and remembers the choice. */
export function chooseLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled; the switch still works for this page view.
  }
  void i18n.changeLanguage(language);
}

/** Applies the signed-in user's preferred language unless the person chose one with the switch. */
export function applyUserLocale(locale: Language): void {
  if (!storedLanguage() && isLanguage(locale)) void i18n.changeLanguage(locale);
}

/** The current UI language. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'ru';
}

/** Picks the current language's text from a server `Localized` value. */
export function localized(value: Localized | null | undefined, language: Language = currentLanguage()): string {
  if (!value) return '';
  return value[language] || value.ru || value.en || value.kk;
}

/** The Intl locale tag of a UI language. */
export function intlLocale(language: Language = currentLanguage()): string {
  return INTL_LOCALES[language];
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  setRequestLanguage(language);
});

void i18n.use(initReactI18next).init({
  resources: { kk: { translation: kk }, ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage() ?? browserLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
