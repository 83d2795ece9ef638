import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLanguage } from '../i18n/use-language';
import { statusName } from '../i18n/messages';
import { SETTLEMENT_STATUSES, type SettlementStats } from '../lib/api-types';
import { shortRegionName } from './region-short-name';
import { useElementWidth } from './use-element-width';

const VALUE_WIDTH = 44;
// Below this width region names go above their bars instead of beside them.
const NARROW = 520;

type Row = SettlementStats['byRegion'][number];

/** Horizontal stacked bars of settlements per region and status: hand-made SVG plus a data table. */
export function RegionBarChart({ stats, regionName }: { stats: SettlementStats; regionName(code: string): string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const titleId = useId();
  const { ref, width } = useElementWidth<HTMLDivElement>(640);
  const rows = [...stats.byRegion].sort((a, b) => b.total - a.total || a.regionCode.localeCompare(b.regionCode));
  const max = Math.max(1, ...rows.map((row) => row.total));
  const names = rows.map((row) => regionName(row.regionCode));

  const isNarrow = width < NARROW;
  const rowHeight = isNarrow ? 38 : 24;
  const labelWidth = isNarrow ? 0 : Math.min(230, Math.round(width * 0.36));
  const barTop = isNarrow ? 20 : 4;
  const barHeight = isNarrow ? 13 : 16;
  const plotWidth = width - labelWidth - VALUE_WIDTH;
  const height = rows.length * rowHeight + 8;

  return (
    <figure className="chart">
      <figcaption id={titleId}>{t('chart.byRegion.title')}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {SETTLEMENT_STATUSES.map((status) => (
          <li key={status}>
            <span className={`swatch status-${status}`} /> {statusName(t, status)}
          </li>
        ))}
      </ul>
      <div ref={ref}>
        <svg className="bar-chart" width={width} height={height} role="img" aria-labelledby={titleId}>
          {rows.map((row, index) => {
            const y = index * rowHeight + 4;
            let x = labelWidth;
            return (
              <g key={row.regionCode}>
                <title>{`${regionName(row.regionCode)}: ${format.number(row.total)}`}</title>
                <text
                  x={isNarrow ? 0 : labelWidth - 8}
                  y={isNarrow ? y + 12 : y + barTop + barHeight / 2}
                  className="bar-label"
                  textAnchor={isNarrow ? 'start' : 'end'}
                  dominantBaseline="middle"
                >
                  {shortRegionName(regionName(row.regionCode), language, names)}
                </text>
                {SETTLEMENT_STATUSES.map((status) => {
                  const part = (row[status] / max) * plotWidth;
                  const rect = <rect key={status} x={x} y={y + barTop} width={part} height={barHeight} className={`status-${status}`} />;
                  x += part;
                  return rect;
                })}
                <text x={x + 6} y={y + barTop + barHeight / 2} className="bar-value" dominantBaseline="middle">
                  {format.number(row.total)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <details className="chart-data">
        <summary>{t('chart.showTable')}</summary>
        <StatsTable rows={rows} regionName={regionName} />
      </details>
    </figure>
  );
}

/** The chart's figures as a table: the text alternative, and handy for copying numbers. */
function StatsTable({ rows, regionName }: { rows: Row[]; regionName(code: string): string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="data-table compact">
        <caption className="visually-hidden">{t('chart.byRegion.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settlement.field.region')}</th>
            {SETTLEMENT_STATUSES.map((status) => (
              <th key={status} scope="col" className="num">
                {statusName(t, status)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('chart.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.regionCode}>
              <th scope="row">{regionName(row.regionCode)}</th>
              {SETTLEMENT_STATUSES.map((status) => (
                <td key={status} className="num">
                  {format.number(row[status])}
                </td>
              ))}
              <td className="num">{format.number(row.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
