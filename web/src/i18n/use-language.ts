import { useTranslation } from 'react-i18next';
import type { Language } from '../lib/api-types';
import { LANGUAGES, intlLocale } from './i18n';

/** The current UI language; components using it re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';
}

/** Date, date-time and number formatting in the current language. */
export function useFormat() {
  const locale = intlLocale(useLanguage());
  return {
    // A bare YYYY-MM-DD is a calendar date: format it in UTC so it never shifts by a day.
    date: (iso: string | null | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale, {
            dateStyle: 'medium',
            timeZone: /^\d{4}-\d{2}-\d{2}$/.test(iso) ? 'UTC' : undefined,
          }).format(new Date(iso))
        : '—',
    dateTime: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso)) : '—',
    number: (value: number | null | undefined) =>
      value === null || value === undefined ? '—' : new Intl.NumberFormat(locale).format(value),
  };
}
