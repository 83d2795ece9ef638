import { useTranslation } from 'react-i18next';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { AuditEntry, Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { AuditVerifyPanel } from './audit-verify-panel';

const FILTERS = ['actor', 'action', 'resourceType', 'resourceId', 'from', 'to'] as const;

// The page keeps calendar dates in its URL; the API gets the instants that bound those days locally.
function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}

/** Search the tamper-evident audit trail and verify its hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { regionName } = useRegions();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.audit'));
  const { data, error, isLoading } = useApiQuery<Page<AuditEntry>>(
    withQuery('/api/audit', {
      ...filters,
      from: dayStart(filters.from),
      to: dayEnd(filters.to),
      page,
      pageSize: 50,
    }),
  );

  const columns: Column<AuditEntry>[] = [
    { key: 'seq', header: '#', render: (row) => row.seq, isNumeric: true },
    { key: 'at', header: t('audit.field.at'), render: (row) => format.dateTime(row.at) },
    {
      key: 'actor',
      header: t('audit.field.actor'),
      render: (row) => row.actor.username ?? (row.actor.tokenId ? t('audit.tokenActor', { id: row.actor.tokenId }) : t('audit.system')),
    },
    { key: 'action', header: t('audit.field.action'), render: (row) => <code>{row.action}</code> },
    {
      key: 'resource',
      header: t('audit.field.resource'),
      render: (row) => (
        <>
          {row.resourceType}
          {row.resourceId && <span className="muted small"> · {row.resourceId}</span>}
        </>
      ),
    },
    { key: 'region', header: t('audit.field.region'), render: (row) => regionName(row.regionCode) || '—' },
    { key: 'purpose', header: t('audit.field.purpose'), render: (row) => row.purpose ?? '—' },
    {
      key: 'hash',
      header: t('audit.field.hash'),
      render: (row) => (
        <code className="hash" title={row.hash}>
          {row.hash.slice(0, 10)}…
        </code>
      ),
    },
  ];

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.audit')}</h1>
        <p className="muted">{t('audit.intro')}</p>
      </header>
      <AuditVerifyPanel />
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'actor', label: t('audit.field.actor'), type: 'text' },
          { name: 'action', label: t('audit.field.action'), type: 'text' },
          { name: 'resourceType', label: t('audit.field.resourceType'), type: 'text' },
          { name: 'resourceId', label: t('audit.field.resourceId'), type: 'text' },
          { name: 'from', label: t('audit.field.from'), type: 'date' },
          { name: 'to', label: t('audit.field.to'), type: 'date' },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.audit')}
        columns={columns}
        rows={data?.items}
        rowKey={(row) => String(row.seq)}
        isLoading={isLoading}
        emptyText={Object.values(filters).some(Boolean) ? t('common.noResults') : undefined}
      />
      {data && <Pagination total={data.total} page={data.page} pageSize={data.pageSize} />}
    </div>
  );
}
