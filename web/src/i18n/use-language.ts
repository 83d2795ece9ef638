import { useTranslation } from 'react-i18next';
import type { Language } from '../lib/api-types';
import { LANGUAGES, intlLocale } from './i18n';

/** The current UI language; components using it re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en';
}

// Browsers (Chromium among them) often ship without Kazakh locale data and print "2025 M05 14", so
// Kazakh dates are written here, after CLDR's "y 'ж'. d MMMM"; Kazakh numbers and numeric
// date-times follow the same conventions as Russian ones (1 234 567; 14.05.2025, 10:30:00).
const KAZAKH_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

const isCalendarDate = (iso: string) => /^\d{4}-\d{2}-\d{2}$/.test(iso);

/** Date, date-time and number formatting for a language. */
export function formatters(language: Language) {
  const locale = language === 'kk' ? 'ru-RU' : intlLocale(language);
  return {
    date(iso: string | null | undefined): string {
      if (!iso) return '—';
      const value = new Date(iso);
      // A bare YYYY-MM-DD is a calendar date: read it in UTC so it never shifts by a day.
      const timeZone = isCalendarDate(iso) ? 'UTC' : undefined;
      if (language === 'kk') {
        const parts = new Intl.DateTimeFormat('en-GB', {
          timeZone,
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
        }).formatToParts(value);
        const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
        return `${part('year')} ж. ${part('day')} ${KAZAKH_MONTHS[part('month') - 1]}`;
      }
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(value);
    },
    dateTime(iso: string | null | undefined): string {
      if (!iso) return '—';
      return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
    },
    number(value: number | null | undefined): string {
      return value === null || value === undefined ? '—' : new Intl.NumberFormat(locale).format(value);
    },
  };
}

/** Formatters for the current UI language. */
export function useFormat() {
  return formatters(useLanguage());
}
