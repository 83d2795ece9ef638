import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import { DV_REFERRAL_STATUSES, type DvReferral, type Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { referralStatusName } from './dv-labels';

const FILTERS = ['status', 'overdue'] as const;

/** Referrals sent to the caller's organisation (receivers) or from their region (police). */
export function ReferralsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.dvReferrals'));
  const { data, error, isLoading } = useApiQuery<Page<DvReferral>>(
    withQuery('/api/family-safety/referrals', { ...filters, page, pageSize: 20 }),
  );
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.dvReferrals')}</h1>
        <p className="muted">{t('dv.referrals.intro')}</p>
      </header>
      <FilterBar
        label={t('common.filters')}
        fields={[
          {
            name: 'status',
            label: t('dv.field.status'),
            type: 'select',
            options: DV_REFERRAL_STATUSES.map((value) => ({ value, label: referralStatusName(t, value) })),
          },
          { name: 'overdue', label: t('dv.field.overdue'), type: 'select', options: [{ value: 'true', label: t('common.yes') }] },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.dvReferrals')}
        rows={data?.items}
        rowKey={(row) => row.id}
        isLoading={isLoading}
        columns={[
          {
            key: 'person',
            header: t('dv.field.person'),
            render: (row) => <Link to={`/family-safety/referrals/${row.id}`}>{row.person.name}</Link>,
          },
          { key: 'case', header: t('dv.field.code'), render: (row) => row.caseCode },
          { key: 'provider', header: t('dv.field.provider'), render: (row) => row.provider.name },
          { key: 'status', header: t('dv.field.status'), render: (row) => referralStatusName(t, row.status) },
          {
            key: 'due',
            header: t('dv.field.dueAt'),
            render: (row) => (
              <>
                {format.dateTime(row.dueAt)} {row.isOverdue && <span className="badge dv-overdue">{t('dv.overdue')}</span>}
              </>
            ),
          },
        ]}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
