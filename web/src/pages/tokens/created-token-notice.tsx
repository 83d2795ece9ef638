import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedToken } from '../../lib/api-types';

/** Shows a new token's secret once, with a copy button and a warning that it will not be shown again. */
export function CreatedTokenNotice({ created, onDismiss }: { created: CreatedToken; onDismiss(): void }) {
  const { t } = useTranslation();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  return (
    <section className="token-once" role="alert" aria-labelledby="token-once-title" data-testid="created-token">
      <h2 id="token-once-title">{t('token.createdTitle', { name: created.record.name })}</h2>
      <p className="warning">{t('token.shownOnce')}</p>
      <div className="token-value">
        <code aria-label={t('token.secret')}>{created.token}</code>
        <button type="button" className="button primary" onClick={copy}>
          {t('token.copy')}
        </button>
      </div>
      <p aria-live="polite" className="muted">
        {copyState === 'copied' && t('token.copied')}
        {copyState === 'failed' && t('token.copyFailed')}
      </p>
      <button type="button" className="button" onClick={onDismiss}>
        {t('token.dismiss')}
      </button>
    </section>
  );
}
