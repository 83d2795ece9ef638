import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { localized } from '../../i18n/i18n';
import { KNOWN_ROLES, roleName } from '../../i18n/messages';
import { useFormat, useLanguage } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { Page, User } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';

const FILTERS = ['q', 'region', 'role'] as const;

/** People with accounts, filtered by name, region and role. */
export function UsersListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const can = useCan();
  const { regions, regionName } = useRegions();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.users'));
  const { data, error, isLoading } = useApiQuery<Page<User>>(withQuery('/api/users', { ...filters, page, pageSize: 20 }));

  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('user.field.displayName'),
      render: (row) => <Link to={`/users/${encodeURIComponent(row.id)}`}>{row.displayName}</Link>,
    },
    { key: 'username', header: t('user.field.username'), render: (row) => <code>{row.username}</code> },
    { key: 'role', header: t('user.field.role'), render: (row) => roleName(t, row.role) },
    {
      key: 'organisation',
      header: t('user.field.organisation'),
      render: (row) => localized(row.organisation.name, language),
    },
    {
      key: 'region',
      header: t('user.field.region'),
      render: (row) => (row.regionCode ? regionName(row.regionCode) : t('layout.nationalScope')),
    },
    {
      key: 'state',
      header: t('user.field.state'),
      render: (row) => (
        <>
          <span className={`badge ${row.isActive ? 'ok' : 'muted'}`}>{row.isActive ? t('user.active') : t('user.inactive')}</span>
          {row.hasTotp && <span className="badge info">{t('user.totp')}</span>}
        </>
      ),
    },
    { key: 'createdAt', header: t('common.createdAt'), render: (row) => format.date(row.createdAt) },
  ];

  return (
    <div className="page">
      <header className="page-header with-actions">
        <h1>{t('nav.users')}</h1>
        {can('users.write') && (
          <Link className="button primary" to="/users/new">
            {t('user.create')}
          </Link>
        )}
      </header>
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'q', label: t('common.search'), type: 'search' },
          {
            name: 'region',
            label: t('user.field.region'),
            type: 'select',
            options: regions.map((region) => ({ value: region.code, label: regionName(region.code) })),
          },
          {
            name: 'role',
            label: t('user.field.role'),
            type: 'select',
            options: KNOWN_ROLES.map((role) => ({ value: role, label: roleName(t, role) })),
          },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.users')}
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
