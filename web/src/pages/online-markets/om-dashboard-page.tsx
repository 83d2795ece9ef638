import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DailyChart } from '../../charts/daily-chart';
import { RegionTileMap } from '../../charts/region-tile-map';
import { DataTable } from '../../components/data-table';
import { ProblemMessage } from '../../components/problem-message';
import { useFormat } from '../../i18n/use-language';
import { withQuery } from '../../lib/api';
import type { OmDashboard } from '../../lib/online-markets-types';
import { useApiQuery } from '../../lib/use-api-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useRegions } from '../../lib/use-reference';
import { labelName, sourceName } from './om-labels';
import { todayKz } from './om-parts';

const DEFAULT_DAYS = 30;

function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86400e3).toISOString().slice(0, 10);
}

/** The daily dashboard (aggregates only): found, approved, blocked, mirrors, hours to block, by label/source/region. */
export function OmDashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { regionName } = useRegions();
  const [params, setParams] = useSearchParams();
  const to = params.get('to') ?? todayKz();
  const from = params.get('from') ?? daysBefore(to, DEFAULT_DAYS - 1);
  const [draft, setDraft] = useState({ from, to });
  useDocumentTitle(t('nav.omDashboard'));
  const { data, error, isLoading } = useApiQuery<OmDashboard>(withQuery('/api/online-markets/dashboard', { from, to }));
  const hours = (h: number | null) => (h === null ? '—' : t('om.dashboard.hours', { hours: format.number(h) }));

  function apply(event: FormEvent) {
    event.preventDefault();
    setParams({ from: draft.from, to: draft.to });
  }

  return (
    <div className="page" data-testid="om-dashboard-page">
      <header className="page-header">
        <h1>{t('nav.omDashboard')}</h1>
        <p className="muted">{t('om.dashboard.intro')}</p>
      </header>
      <form className="om-range" onSubmit={apply} aria-label={t('om.dashboard.range')}>
        <label>
          {t('om.dashboard.from')}
          <input type="date" name="from" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
        </label>
        <label>
          {t('om.dashboard.to')}
          <input type="date" name="to" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
        </label>
        <button type="submit" className="button primary">
          {t('common.applyFilters')}
        </button>
      </form>
      <ProblemMessage error={error} />
      {!data && isLoading && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <dl className="om-figures" data-testid="om-dashboard-totals">
            <div>
              <dt>{t('om.dashboard.found')}</dt>
              <dd>{format.number(data.totals.found)}</dd>
            </div>
            <div>
              <dt>{t('om.dashboard.approved')}</dt>
              <dd>{format.number(data.totals.approved)}</dd>
            </div>
            <div>
              <dt>{t('om.dashboard.blocked')}</dt>
              <dd>{format.number(data.totals.blocked)}</dd>
            </div>
            <div>
              <dt>{t('om.dashboard.mirrors')}</dt>
              <dd>{format.number(data.totals.mirrors)}</dd>
            </div>
            <div>
              <dt>{t('om.dashboard.median')}</dt>
              <dd>{hours(data.totals.medianHoursToBlock)}</dd>
            </div>
            <div>
              <dt>{t('om.dashboard.p90')}</dt>
              <dd>{hours(data.totals.p90HoursToBlock)}</dd>
            </div>
          </dl>
          <DailyChart
            title={t('om.dashboard.daily')}
            series={[
              { key: 'found', label: t('om.dashboard.found') },
              { key: 'approved', label: t('om.dashboard.approved') },
              { key: 'blocked', label: t('om.dashboard.blocked') },
              { key: 'mirrors', label: t('om.dashboard.mirrors') },
            ]}
            points={data.days.map((d) => ({
              day: d.day,
              values: { found: d.found, approved: d.approved, blocked: d.blocked, mirrors: d.mirrors },
            }))}
          />
          <div className="om-two">
            <section className="om-section">
              <h2>{t('om.dashboard.byLabel')}</h2>
              <DataTable
                caption={t('om.dashboard.byLabel')}
                rows={data.byLabel}
                rowKey={(r) => r.label}
                columns={[
                  { key: 'label', header: t('om.field.label'), render: (r) => labelName(t, r.label) },
                  { key: 'count', header: t('om.dashboard.count'), render: (r) => format.number(r.count), isNumeric: true },
                ]}
              />
            </section>
            <section className="om-section">
              <h2>{t('om.dashboard.bySource')}</h2>
              <DataTable
                caption={t('om.dashboard.bySource')}
                rows={data.bySource}
                rowKey={(r) => r.source}
                columns={[
                  { key: 'source', header: t('om.dashboard.source'), render: (r) => sourceName(t, r.source) },
                  { key: 'count', header: t('om.dashboard.count'), render: (r) => format.number(r.count), isNumeric: true },
                ]}
              />
            </section>
          </div>
          <section className="om-section">
            <RegionTileMap
              title={t('om.dashboard.byRegion')}
              values={Object.fromEntries(data.byRegion.map((r) => [r.regionCode, r.count]))}
              regionName={regionName}
              missingIsZero
              legendLabel={t('om.dashboard.reports')}
            />
          </section>
        </>
      )}
    </div>
  );
}
