import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/use-document-title';

/** Permission denied: reached by the route guard or by a 403 from the API. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  useDocumentTitle(t('forbidden.title'));
  return (
    <div className="page status-page" data-testid="forbidden-page">
      <p className="status-code" aria-hidden="true">
        403
      </p>
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.body')}</p>
      {from && (
        <p className="muted">
          {t('forbidden.address')} <code>{from}</code>
        </p>
      )}
      <Link className="button primary" to="/">
        {t('common.backHome')}
      </Link>
    </div>
  );
}
