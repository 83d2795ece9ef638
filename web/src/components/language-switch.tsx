import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from '../i18n/i18n';
import { useLanguage } from '../i18n/use-language';
import type { Language } from '../lib/api-types';

// Each language's name is written in that language, so anyone can find their own.
const NATIVE_NAMES: Record<Language, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** kk / ru / en buttons; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={language === current ? 'is-current' : undefined}
          aria-pressed={language === current}
          title={NATIVE_NAMES[language]}
          data-language={language}
          onClick={() => chooseLanguage(language)}
        >
          <span aria-hidden="true">{language.toUpperCase()}</span>
          <span className="visually-hidden">{NATIVE_NAMES[language]}</span>
        </button>
      ))}
    </div>
  );
}
