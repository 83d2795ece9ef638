import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { Page } from '../../lib/api-types';
import { PAY_CASE_STATUSES, type PayCaseSummary } from '../../lib/payments-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { caseStatusName, dispositionName } from './pay-labels';

const PAGE_SIZE = 20;
const FILTERS = ['status'] as const;

/** Payment cases, newest first. */
export function PayCasesListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.payCases'));
  const { data, error, isLoading } = useApiQuery<Page<PayCaseSummary>>(
    withQuery('/api/payments/cases', { ...filters, page, pageSize: PAGE_SIZE }),
  );
  const columns: Column<PayCaseSummary>[] = [
    { key: 'code', header: t('pay.field.code'), render: (c) => <Link to={`/payments/cases/${c.id}`}>{c.code}</Link> },
    { key: 'title', header: t('pay.field.title'), render: (c) => c.title },
    { key: 'status', header: t('pay.field.status'), render: (c) => caseStatusName(t, c.status) },
    { key: 'disposition', header: t('pay.disposition.title'), render: (c) => dispositionName(t, c.disposition) },
    {
      key: 'accounts',
      header: t('pay.field.accounts'),
      render: (c) => c.accounts.slice(0, 4).join(', ') + (c.accounts.length > 4 ? ' …' : ''),
    },
    { key: 'assignee', header: t('pay.field.assignee'), render: (c) => c.assignee ?? '—' },
    { key: 'updated', header: t('pay.field.updatedAt'), render: (c) => format.dateTime(c.updatedAt) },
  ];
  return (
    <div className="page" data-testid="pay-cases-page">
      <header className="page-header">
        <h1>{t('nav.payCases')}</h1>
        <p className="muted">{t('pay.cases.intro')}</p>
      </header>
      <FilterBar
        label={t('common.filters')}
        fields={[
          {
            name: 'status',
            label: t('pay.field.status'),
            type: 'select',
            options: PAY_CASE_STATUSES.map((value) => ({ value, label: caseStatusName(t, value) })),
          },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable caption={t('nav.payCases')} columns={columns} rows={data?.items} rowKey={(c) => c.id} isLoading={isLoading} />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
