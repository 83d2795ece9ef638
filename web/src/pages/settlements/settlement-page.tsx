import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import type { Settlement } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { NotFoundPage } from '../not-found-page';
import { StatusBadge } from './status-badge';

/** One settlement: its fields, notes and history dates; an edit action when the record allows it. */
export function SettlementPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { regionName } = useRegions();
  const { data, error } = useApiQuery<Settlement>(`/api/settlements/${encodeURIComponent(id)}`);
  useDocumentTitle(data?.name ?? t('nav.settlements'));

  if (error?.code === 'not_found') return <NotFoundPage />;

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
        <Link to="/settlements">{t('nav.settlements')}</Link>
      </nav>
      <ProblemMessage error={error} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <header className="page-header with-actions">
            <div>
              <h1>{data.name}</h1>
              <p className="muted">
                {regionName(data.regionCode)} · {data.district}
              </p>
            </div>
            {data.abilities.canEdit && can('settlements.write') && (
              <Link className="button primary" to={`/settlements/${encodeURIComponent(data.id)}/edit`}>
                {t('common.edit')}
              </Link>
            )}
          </header>
          {data.isSynthetic && (
            <p className="banner synthetic" role="note">
              {t('layout.syntheticBanner')}
            </p>
          )}
          <dl className="record">
            <div>
              <dt>{t('settlement.field.status')}</dt>
              <dd>
                <StatusBadge status={data.status} />
              </dd>
            </div>
            <div>
              <dt>{t('settlement.field.region')}</dt>
              <dd>{regionName(data.regionCode)}</dd>
            </div>
            <div>
              <dt>{t('settlement.field.district')}</dt>
              <dd>{data.district}</dd>
            </div>
            <div>
              <dt>{t('settlement.field.population')}</dt>
              <dd>{format.number(data.population)}</dd>
            </div>
            <div>
              <dt>{t('settlement.field.activists')}</dt>
              <dd>{format.number(data.activists)}</dd>
            </div>
            <div>
              <dt>{t('settlement.field.joinedOn')}</dt>
              <dd>{format.date(data.joinedOn)}</dd>
            </div>
            <div>
              <dt>{t('common.createdAt')}</dt>
              <dd>{format.dateTime(data.createdAt)}</dd>
            </div>
            <div>
              <dt>{t('common.updatedAt')}</dt>
              <dd>{format.dateTime(data.updatedAt)}</dd>
            </div>
            <div>
              <dt>{t('common.version')}</dt>
              <dd>{data.version}</dd>
            </div>
            <div className="wide">
              <dt>{t('settlement.field.notes')}</dt>
              <dd className="notes">{data.notes || t('common.none')}</dd>
            </div>
          </dl>
        </>
      )}
    </div>
  );
}
