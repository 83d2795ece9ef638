import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { roleName } from '../../i18n/messages';
import { useFormat, useLanguage } from '../../i18n/use-language';
import type { User } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';

/** One user account. */
export function UserPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const { regionName } = useRegions();
  const { data, error } = useApiQuery<User>(`/api/users/${encodeURIComponent(id)}`);
  useDocumentTitle(data?.displayName ?? t('nav.users'));

  if (error?.code === 'not_found') return <NotFoundPage />;
  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/users">{t('nav.users')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <h1>{data.displayName}</h1>
          <dl className="record">
            <div>
              <dt>{t('user.field.username')}</dt>
              <dd>
                <code>{data.username}</code>
              </dd>
            </div>
            <div>
              <dt>{t('user.field.role')}</dt>
              <dd>{roleName(t, data.role)}</dd>
            </div>
            <div>
              <dt>{t('user.field.organisation')}</dt>
              <dd>{localized(data.organisation.name, language)}</dd>
            </div>
            <div>
              <dt>{t('user.field.region')}</dt>
              <dd>{data.regionCode ? regionName(data.regionCode) : t('layout.nationalScope')}</dd>
            </div>
            <div>
              <dt>{t('user.field.state')}</dt>
              <dd>{data.isActive ? t('user.active') : t('user.inactive')}</dd>
            </div>
            <div>
              <dt>{t('user.totp')}</dt>
              <dd>{data.hasTotp ? t('common.yes') : t('common.no')}</dd>
            </div>
            <div>
              <dt>{t('common.createdAt')}</dt>
              <dd>{format.dateTime(data.createdAt)}</dd>
            </div>
          </dl>
        </>
      )}
    </div>
  );
}
