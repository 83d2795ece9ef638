import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLanguage } from '../i18n/use-language';
import { statusName } from '../i18n/messages';
import { SETTLEMENT_STATUSES, type SettlementStats } from '../lib/api-types';
import { shortRegionName } from './region-short-name';
import { useElementWidth } from './use-element-width';

const ROW = 24;
const VALUE_WIDTH = 44;

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
  const labelWidth = Math.min(230, Math.round(width * 0.38));
  const plotWidth = width - labelWidth - VALUE_WIDTH;
  const height = rows.length * ROW + 8;

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
      <svg className="bar-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId}>
        {rows.map((row, index) => {
          const y = index * ROW + 4;
          let x = labelWidth;
          return (
            <g key={row.regionCode}>
              <title>{`${regionName(row.regionCode)}: ${format.number(row.total)}`}</title>
              <text x={labelWidth - 8} y={y + ROW / 2} className="bar-label" textAnchor="end" dominantBaseline="middle">
                {shortRegionName(regionName(row.regionCode), language, names)}
              </text>
              {SETTLEMENT_STATUSES.map((status) => {
                const width = (row[status] / max) * plotWidth;
                const rect = (
                  <rect key={status} x={x} y={y + 4} width={width} height={ROW - 8} className={`status-${status}`} />
                );
                x += width;
                return rect;
              })}
              <text x={x + 6} y={y + ROW / 2} className="bar-value" dominantBaseline="middle">
                {format.number(row.total)}
              </text>
            </g>
          );
        })}
      </svg>
      </div>
      <details className="chart-data">
        <summary>{t('chart.showTable')}</summary>
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
      </details>
    </figure>
  );
}
