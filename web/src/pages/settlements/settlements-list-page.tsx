import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { statusName } from '../../i18n/messages';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import { SETTLEMENT_STATUSES, type Page, type Settlement } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { StatusBadge } from './status-badge';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'region', 'status'] as const;

/** Sober settlements: filters in the URL, a table, pagination. The pattern later modules copy. */
export function SettlementsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const session = useSession();
  const { regions, regionName } = useRegions();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.settlements'));
  const { data, error, isLoading } = useApiQuery<Page<Settlement>>(
    withQuery('/api/settlements', { ...filters, page, pageSize: PAGE_SIZE }),
  );

  // A regional user only ever sees their own region, so the picker offers just that one.
  const ownRegion = session.user.region?.code;
  const regionOptions = regions
    .filter((region) => !ownRegion || region.code === ownRegion)
    .map((region) => ({ value: region.code, label: regionName(region.code) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  const columns: Column<Settlement>[] = [
    {
      key: 'name',
      header: t('settlement.field.name'),
      render: (row) => <Link to={`/settlements/${encodeURIComponent(row.id)}`}>{row.name}</Link>,
    },
    { key: 'region', header: t('settlement.field.region'), render: (row) => regionName(row.regionCode) },
    { key: 'district', header: t('settlement.field.district'), render: (row) => row.district },
    { key: 'status', header: t('settlement.field.status'), render: (row) => <StatusBadge status={row.status} /> },
    {
      key: 'population',
      header: t('settlement.field.population'),
      render: (row) => format.number(row.population),
      isNumeric: true,
    },
    {
      key: 'activists',
      header: t('settlement.field.activists'),
      render: (row) => format.number(row.activists),
      isNumeric: true,
    },
    { key: 'joinedOn', header: t('settlement.field.joinedOn'), render: (row) => format.date(row.joinedOn) },
  ];

  return (
    <div className="page">
      <header className="page-header with-actions">
        <div>
          <h1>{t('nav.settlements')}</h1>
          <p className="muted">{t('settlement.list.intro')}</p>
        </div>
        {can('settlements.write') && (
          <Link className="button primary" to="/settlements/new">
            {t('settlement.create')}
          </Link>
        )}
      </header>
      {data?.items.some((item) => item.isSynthetic) && (
        <p className="banner synthetic" role="note">
          {t('layout.syntheticBanner')}
        </p>
      )}
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'q', label: t('common.search'), type: 'search' },
          { name: 'region', label: t('settlement.field.region'), type: 'select', options: regionOptions },
          {
            name: 'status',
            label: t('settlement.field.status'),
            type: 'select',
            options: SETTLEMENT_STATUSES.map((status) => ({ value: status, label: statusName(t, status) })),
          },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.settlements')}
        columns={columns}
        rows={data?.items}
        rowKey={(row) => row.id}
        isLoading={isLoading}
        emptyText={Object.values(filters).some(Boolean) ? t('common.noResults') : undefined}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
