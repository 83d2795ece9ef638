import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../auth/session-context';
import { RegionBarChart } from '../charts/region-bar-chart';
import { RegionTileMap } from '../charts/region-tile-map';
import { NAV_ITEMS } from '../components/navigation';
import { ProblemMessage } from '../components/problem-message';
import { localized } from '../i18n/i18n';
import { roleName, statusName } from '../i18n/messages';
import { useFormat, useLanguage } from '../i18n/use-language';
import { SETTLEMENT_STATUSES, type SettlementStats, type SettlementStatus } from '../lib/api-types';
import { useApiQuery } from '../lib/use-api-query';
import { useDocumentTitle } from '../lib/use-document-title';
import { useRegions } from '../lib/use-reference';

/** Greeting, one card per module the user may open, and the settlements overview when allowed. */
export function HomePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const session = useSession();
  const can = useCan();
  useDocumentTitle(t('nav.home'));
  const cards = NAV_ITEMS.filter((item) => item.permission === null || can(item.permission));
  const { user } = session;

  return (
    <div className="page home-page" data-testid="home-page">
      <header className="page-header">
        <h1>{t('home.greeting', { name: user.displayName })}</h1>
        <p className="muted">
          {roleName(t, user.role)} · {localized(user.organisation.name, language)} ·{' '}
          {user.region ? localized(user.region.name, language) : t('layout.nationalScope')}
        </p>
      </header>
      {cards.length > 0 ? (
        <ul className="card-grid">
          {cards.map((item) => (
            <li key={item.to} className="card">
              <h2>
                <Link to={item.to}>{item.label(t)}</Link>
              </h2>
              <p>{item.description(t)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="notice">{t('home.noModules')}</p>
      )}
      {can('settlements.read') && <SettlementsOverview />}
    </div>
  );
}

type Metric = SettlementStatus | 'total';

function SettlementsOverview() {
  const { t } = useTranslation();
  const session = useSession();
  const format = useFormat();
  const { regionName } = useRegions();
  const [metric, setMetric] = useState<Metric>('total');
  const { data, error } = useApiQuery<SettlementStats>('/api/settlements/stats', { redirectOnForbidden: false });

  if (error) return <ProblemMessage error={error} />;
  if (!data) return <p role="status">{t('common.loading')}</p>;

  const sum = (key: Metric) => data.byRegion.reduce((total, row) => total + row[key], 0);
  const values = Object.fromEntries(data.byRegion.map((row) => [row.regionCode, row[metric]]));
  const metricLabel = metric === 'total' ? t('chart.total') : statusName(t, metric);

  return (
    <section className="overview" aria-labelledby="overview-title">
      <h2 id="overview-title">{t('home.settlementsOverview')}</h2>
      <dl className="stat-row">
        <div className="stat">
          <dt>{t('chart.total')}</dt>
          <dd>{format.number(sum('total'))}</dd>
        </div>
        {SETTLEMENT_STATUSES.map((status) => (
          <div className="stat" key={status}>
            <dt>{statusName(t, status)}</dt>
            <dd>{format.number(sum(status))}</dd>
          </div>
        ))}
      </dl>
      <div className="overview-grid">
        <div className="panel">
          <div className="map-controls">
            <label htmlFor="map-metric">{t('map.metric')}</label>
            <select id="map-metric" value={metric} onChange={(event) => setMetric(event.target.value as Metric)}>
              <option value="total">{t('chart.total')}</option>
              {SETTLEMENT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {statusName(t, status)}
                </option>
              ))}
            </select>
          </div>
          <RegionTileMap
            legendLabel={t('map.legend')}
            title={t('map.title', { metric: metricLabel })}
            values={values}
            regionName={regionName}
            missingIsZero={session.user.region === null}
          />
        </div>
        <div className="panel">
          <RegionBarChart stats={data} regionName={regionName} />
        </div>
      </div>
    </section>
  );
}
