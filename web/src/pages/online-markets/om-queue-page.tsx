import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/session-context';
import { DataTable, type Column } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { Pagination } from '../../components/pagination';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { Page } from '../../lib/api-types';
import { OM_LABELS, OM_SOURCES, OM_STATUSES, type OmResource } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { OmBulkBar } from './om-bulk-bar';
import { kindName, labelName, resourceTitle, scoreText, sourceName, statusName } from './om-labels';
import { OmStatusBadge } from './om-parts';

const PAGE_SIZE = 50;
const FILTERS = ['status', 'label', 'source', 'shop'] as const;

/** The review queue: highest score first, then by shop; bulk actions for reviewers and approvers. */
export function OmQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.omQueue'));
  const { data, error, isLoading, reload } = useApiQuery<Page<OmResource>>(
    withQuery('/api/online-markets/queue', { ...filters, page, pageSize: PAGE_SIZE }),
  );
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const canAct = can('om.review') || can('om.approve');
  // A new page of rows starts with nothing selected.
  useEffect(() => setSelected(new Set()), [data]);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const rows = data?.items ?? [];
  const isAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));

  const columns: Column<OmResource>[] = [
    ...(canAct
      ? [
          {
            key: 'select',
            header: t('om.queue.select'),
            render: (row: OmResource) => (
              <input
                type="checkbox"
                checked={selected.has(row.id)}
                onChange={() => toggle(row.id)}
                aria-label={t('om.queue.selectRow', { locator: row.locator })}
                data-testid="om-select"
              />
            ),
          },
        ]
      : []),
    { key: 'score', header: t('om.field.score'), render: (row) => scoreText(row.score), isNumeric: true },
    {
      key: 'locator',
      header: t('om.field.locator'),
      render: (row) => (
        <>
          <Link className="om-locator" to={`/online-markets/resources/${encodeURIComponent(row.id)}`}>
            {resourceTitle(t, row)}
          </Link>
          {row.isMirror && <span className="badge om-mirror">{t('om.mirror')}</span>}
        </>
      ),
    },
    { key: 'kind', header: t('om.field.kind'), render: (row) => kindName(t, row.kind) },
    {
      key: 'label',
      header: t('om.field.label'),
      render: (row) => <span className={`om-label-${row.label ?? 'none'}`}>{labelName(t, row.label)}</span>,
    },
    {
      key: 'shop',
      header: t('om.field.shop'),
      render: (row) => (row.shopId ? <Link to={`/online-markets/shops/${encodeURIComponent(row.shopId)}`}>{row.shopCode}</Link> : '—'),
    },
    { key: 'status', header: t('om.field.status'), render: (row) => <OmStatusBadge status={row.status} /> },
    { key: 'sources', header: t('om.field.sources'), render: (row) => format.number(row.sourceCount), isNumeric: true },
    { key: 'first', header: t('om.field.firstSeen'), render: (row) => format.dateTime(row.firstSeenAt) },
  ];

  return (
    <div className="page" data-testid="om-queue-page">
      <header className="page-header">
        <h1>{t('nav.omQueue')}</h1>
        <p className="muted">{canAct ? t('om.queue.intro') : t('om.queue.readOnly')}</p>
      </header>
      <FilterBar
        label={t('common.filters')}
        fields={[
          {
            name: 'status',
            label: t('om.field.status'),
            type: 'select',
            options: OM_STATUSES.map((value) => ({ value, label: statusName(t, value) })),
          },
          {
            name: 'label',
            label: t('om.field.label'),
            type: 'select',
            options: OM_LABELS.map((value) => ({ value, label: labelName(t, value) })),
          },
          {
            name: 'source',
            label: t('om.filter.source'),
            type: 'select',
            options: OM_SOURCES.map((value) => ({ value, label: sourceName(t, value) })),
          },
          { name: 'shop', label: t('om.filter.shop'), type: 'search' },
        ]}
      />
      {canAct && (
        <>
          <label className="om-select-all">
            <input
              type="checkbox"
              checked={isAllSelected}
              onChange={() => setSelected(isAllSelected ? new Set() : new Set(rows.map((r) => r.id)))}
              data-testid="om-select-all"
            />{' '}
            {t('om.queue.selectAll')}
          </label>
          <OmBulkBar selected={rows.filter((r) => selected.has(r.id))} onDone={reload} />
        </>
      )}
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.omQueue')}
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
