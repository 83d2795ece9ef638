import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-language';
import { useElementWidth } from './use-element-width';

/** One day's values, one per series key. */
export type DailyPoint = { day: string; values: Record<string, number> };
export type DailySeries = { key: string; label: string };

const LEFT = 44;
const BOTTOM = 28;

/**
 * Grouped bars per day for a few series (found, approved, blocked…), hand-made SVG with a data
 * table underneath. Series colours come from CSS classes `series-0`, `series-1`, ….
 */
export function DailyChart({
  title,
  series,
  points,
  height = 240,
}: {
  title: string;
  series: DailySeries[];
  points: DailyPoint[];
  height?: number;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const max = Math.max(1, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0)));
  const plotW = Math.max(50, width - LEFT - 8);
  const plotH = height - BOTTOM - 8;
  const slot = plotW / Math.max(1, points.length);
  const barW = Math.max(1, (slot * 0.8) / Math.max(1, series.length));
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotW / 56))));
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));

  return (
    <figure className="chart daily-chart">
      <figcaption id={titleId}>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={s.key}>
            <span className={`swatch series-${i}`} /> {s.label}
          </li>
        ))}
      </ul>
      <div ref={ref}>
        <svg width={width} height={height} role="img" aria-labelledby={titleId} className="daily-svg">
          {ticks.map((v) => {
            const y = 8 + plotH - (v / max) * plotH;
            return (
              <g key={v}>
                <line x1={LEFT} x2={width - 8} y1={y} y2={y} className="grid-line" />
                <text x={LEFT - 6} y={y} textAnchor="end" dominantBaseline="middle" className="axis-label">
                  {format.number(v)}
                </text>
              </g>
            );
          })}
          {points.map((p, i) => (
            <g key={p.day}>
              {series.map((s, j) => {
                const v = p.values[s.key] ?? 0;
                const h = (v / max) * plotH;
                return (
                  <rect
                    key={s.key}
                    x={LEFT + i * slot + slot * 0.1 + j * barW}
                    y={8 + plotH - h}
                    width={barW}
                    height={h}
                    className={`series-${j}`}
                  >
                    <title>{`${format.date(p.day)} — ${s.label}: ${format.number(v)}`}</title>
                  </rect>
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={LEFT + i * slot + slot / 2} y={height - 8} textAnchor="middle" className="axis-label">
                  {p.day.slice(5)}
                </text>
              ) : null}
            </g>
          ))}
        </svg>
      </div>
      <details className="chart-data">
        <summary>{t('chart.showTable')}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('chart.day')}</th>
              {series.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td>{format.date(p.day)}</td>
                {series.map((s) => (
                  <td key={s.key} className="num">
                    {format.number(p.values[s.key] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
