import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session-context';
import { RegionTileMap } from '../../charts/region-tile-map';
import { DataTable } from '../../components/data-table';
import { FilterBar } from '../../components/filter-bar';
import { useListParams } from '../../components/list-params';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { DvDashboard, DvFigures, DvIndicators } from '../../lib/api-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCan } from '../../auth/session-context';
import { useRegions } from '../../lib/use-reference';

const FILTERS = ['from', 'to'] as const;

/** Key figures by region and period, with the change against the same period a year before. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const can = useCan();
  const session = useSession();
  const { regionName } = useRegions();
  const { filters } = useListParams(FILTERS);
  useDocumentTitle(t('nav.dvIndicators'));
  const { data, error } = useApiQuery<DvIndicators>(withQuery('/api/family-safety/indicators', filters));
  const dashboard = useApiQuery<DvDashboard>(can('dv_cases.read') ? '/api/family-safety/dashboard' : null);
  const change = (pct: number | null) => (pct === null ? '—' : `${pct > 0 ? '+' : ''}${format.number(pct)} %`);
  const percent = (rate: number | null) => (rate === null ? '—' : `${format.number(Math.round(rate * 1000) / 10)} %`);
  const totals = data?.totals;
  const rows = [...(data?.byRegion ?? [])].sort((a, b) => b.cases - a.cases);
  const max = Math.max(1, ...rows.map((row) => row.cases));

  const figure = (label: string, value: string, note?: string) => (
    <div className="dv-figure">
      <dt>{label}</dt>
      <dd>
        {value}
        {note && <small>{note}</small>}
      </dd>
    </div>
  );

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('nav.dvIndicators')}</h1>
        {data && (
          <p className="muted">
            {t('dv.indicators.period', { from: format.date(data.from), to: format.date(data.to) })} ·{' '}
            {t('dv.indicators.previous', { from: format.date(data.previousFrom), to: format.date(data.previousTo) })}
          </p>
        )}
      </header>
      <FilterBar
        label={t('common.filters')}
        fields={[
          { name: 'from', label: t('dv.filter.from'), type: 'date' },
          { name: 'to', label: t('dv.filter.to'), type: 'date' },
        ]}
      />
      <ProblemMessage error={error} />
      {totals && (
        <dl className="dv-figures">
          {figure(t('dv.indicators.cases'), format.number(totals.cases), change(totals.casesChangePct))}
          {figure(t('dv.indicators.reports'), format.number(totals.reports), change(totals.reportsChangePct))}
          {figure(t('dv.indicators.repeatRate'), percent(totals.repeatRate))}
          {figure(t('dv.indicators.firstContact24h'), percent(totals.firstContactWithin24hRate))}
          {figure(t('dv.indicators.protectiveOrders'), format.number(totals.protectiveOrders))}
          {figure(t('dv.indicators.breaches'), format.number(totals.breaches))}
          {figure(t('dv.indicators.referralsSent'), format.number(totals.referralsSent))}
          {figure(t('dv.indicators.childrenNotified'), format.number(totals.childrenNotified))}
          {figure(t('dv.indicators.fscLoad'), percent(totals.fscLoad))}
        </dl>
      )}
      {dashboard.data && (
        <dl className="dv-figures overdue">
          {figure(t('dv.indicators.overdueTasks'), format.number(dashboard.data.overdueTasks))}
          {figure(t('dv.indicators.overdueReferrals'), format.number(dashboard.data.overdueReferrals))}
          {figure(t('dv.indicators.pendingOverrides'), format.number(dashboard.data.pendingOverrides))}
          {figure(t('dv.indicators.awaitingMeeting'), format.number(dashboard.data.awaitingRiskMeeting))}
        </dl>
      )}
      {data && (
        <div className="dv-charts">
          <figure className="chart">
            <figcaption>{t('dv.indicators.casesByRegion')}</figcaption>
            <ul className="dv-bars">
              {rows.map((row) => (
                <li key={row.regionCode}>
                  <span className="dv-bar-label">{regionName(row.regionCode)}</span>
                  <span className="dv-bar" style={{ width: `${(row.cases / max) * 100}%` }} />
                  <span className="dv-bar-value">
                    {format.number(row.cases)} ({change(row.casesChangePct)})
                  </span>
                </li>
              ))}
            </ul>
          </figure>
          <RegionTileMap
            legendLabel={t('dv.map.legendCases')}
            title={t('dv.indicators.mapTitle')}
            values={Object.fromEntries(rows.map((row) => [row.regionCode, row.cases]))}
            regionName={regionName}
            missingIsZero={!session.user.region}
          />
        </div>
      )}
      {data && (
        <DataTable<DvFigures & { regionCode: string }>
          caption={t('dv.indicators.table')}
          rows={rows}
          rowKey={(row) => row.regionCode}
          columns={[
            { key: 'region', header: t('dv.field.region'), render: (row) => regionName(row.regionCode) },
            { key: 'cases', header: t('dv.indicators.cases'), render: (row) => format.number(row.cases), isNumeric: true },
            { key: 'prev', header: t('dv.indicators.prevYear'), render: (row) => format.number(row.casesPrevYear), isNumeric: true },
            { key: 'change', header: t('dv.indicators.change'), render: (row) => change(row.casesChangePct), isNumeric: true },
            { key: 'repeat', header: t('dv.indicators.repeatRate'), render: (row) => percent(row.repeatRate), isNumeric: true },
            {
              key: 'orders',
              header: t('dv.indicators.protectiveOrders'),
              render: (row) => format.number(row.protectiveOrders),
              isNumeric: true,
            },
            { key: 'fsc', header: t('dv.indicators.fscOpen'), render: (row) => format.number(row.fscOpen), isNumeric: true },
          ]}
        />
      )}
    </div>
  );
}
