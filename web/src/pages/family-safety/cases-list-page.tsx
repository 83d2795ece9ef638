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
import { DV_BANDS, DV_ESCALATIONS, type DvCaseListItem, type Page } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { BandBadge } from './band-badge';
import { bandName, caseStatusName, escalationName } from './dv-labels';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'status', 'band', 'repeat', 'escalation', 'from', 'to'] as const;

/** Domestic-violence cases of the caller's scope; names only for the case team, codes for everyone else. */
export function CasesListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const { regionName } = useRegions();
  const { filters, page } = useListParams(FILTERS);
  useDocumentTitle(t('nav.dvCases'));
  const { data, error, isLoading } = useApiQuery<Page<DvCaseListItem>>(
    withQuery('/api/family-safety/cases', { ...filters, page, pageSize: PAGE_SIZE }),
  );

  const columns: Column<DvCaseListItem>[] = [
    {
      key: 'code',
      header: t('dv.field.code'),
      render: (row) => <Link to={`/family-safety/cases/${encodeURIComponent(row.id)}`}>{row.code}</Link>,
    },
    { key: 'region', header: t('dv.field.region'), render: (row) => regionName(row.regionCode) },
    { key: 'status', header: t('dv.field.status'), render: (row) => caseStatusName(t, row.status) },
    { key: 'band', header: t('dv.field.riskBand'), render: (row) => <BandBadge band={row.riskBand} /> },
    {
      key: 'repeat',
      header: t('dv.field.repeat'),
      render: (row) => (row.isRepeat ? <span className="badge dv-repeat">{t('dv.repeat')}</span> : t('common.no')),
    },
    { key: 'escalation', header: t('dv.field.escalation'), render: (row) => escalationName(t, row.escalation) },
    { key: 'incidents', header: t('dv.field.incidents'), render: (row) => format.number(row.incidentCount), isNumeric: true },
    { key: 'last', header: t('dv.field.lastIncident'), render: (row) => format.dateTime(row.lastIncidentAt) },
    {
      key: 'victim',
      header: t('dv.field.victim'),
      render: (row) => row.victimName ?? <span className="muted">{t('dv.nameHidden')}</span>,
    },
  ];

  return (
    <div className="page">
      <header className="page-header with-actions">
        <div>
          <h1>{t('nav.dvCases')}</h1>
          <p className="muted">{t('dv.cases.intro')}</p>
        </div>
        {can('dv_cases.write') && (
          <Link className="button primary" to="/family-safety/cases/new">
            {t('dv.intake.title')}
          </Link>
        )}
      </header>
      <p className="banner synthetic" role="note">
        {t('dv.syntheticBanner')}
      </p>
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'q', label: t('dv.filter.codePrefix'), type: 'search' },
          {
            name: 'status',
            label: t('dv.field.status'),
            type: 'select',
            options: ['open', 'closed'].map((value) => ({ value, label: caseStatusName(t, value) })),
          },
          {
            name: 'band',
            label: t('dv.field.riskBand'),
            type: 'select',
            options: DV_BANDS.map((value) => ({ value, label: bandName(t, value) })),
          },
          {
            name: 'repeat',
            label: t('dv.field.repeat'),
            type: 'select',
            options: [
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ],
          },
          {
            name: 'escalation',
            label: t('dv.field.escalation'),
            type: 'select',
            options: DV_ESCALATIONS.map((value) => ({ value, label: escalationName(t, value) })),
          },
          { name: 'from', label: t('dv.filter.from'), type: 'date' },
          { name: 'to', label: t('dv.filter.to'), type: 'date' },
        ]}
      />
      <ProblemMessage error={error} />
      <DataTable
        caption={t('nav.dvCases')}
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
