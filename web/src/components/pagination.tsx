import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-language';

/** Previous/next links that keep the current filters in the query string. */
export function Pagination({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [params] = useSearchParams();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);

  function hrefFor(target: number): string {
    const next = new URLSearchParams(params);
    if (target <= 1) next.delete('page');
    else next.set('page', String(target));
    const query = next.toString();
    return query ? `?${query}` : '?';
  }

  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination-summary" aria-live="polite">
        {t('pagination.summary', {
          first: format.number(first),
          last: format.number(last),
          total: format.number(total),
        })}
      </p>
      <div className="pagination-links">
        {page > 1 ? (
          <Link className="button" to={hrefFor(page - 1)} rel="prev">
            ← {t('pagination.previous')}
          </Link>
        ) : (
          <span className="button" aria-disabled="true">
            ← {t('pagination.previous')}
          </span>
        )}
        <span className="pagination-page">{t('pagination.page', { page, pages: pageCount })}</span>
        {page < pageCount ? (
          <Link className="button" to={hrefFor(page + 1)} rel="next">
            {t('pagination.next')} →
          </Link>
        ) : (
          <span className="button" aria-disabled="true">
            {t('pagination.next')} →
          </span>
        )}
      </div>
    </nav>
  );
}
