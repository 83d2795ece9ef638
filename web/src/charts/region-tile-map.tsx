import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, useLanguage } from '../i18n/use-language';
import { shortRegionName } from './region-short-name';

// Tile-grid cartogram: one equal tile per region, placed roughly where it lies (column = west→east,
// row = north→south). Every region and city of significance has its own tile.
const TILES: Record<string, { column: number; row: number }> = {
  'KZ-59': { column: 4, row: 1 }, // North Kazakhstan
  'KZ-55': { column: 6, row: 1 }, // Pavlodar
  'KZ-27': { column: 1, row: 2 }, // West Kazakhstan
  'KZ-15': { column: 2, row: 2 }, // Aktobe
  'KZ-39': { column: 3, row: 2 }, // Kostanay
  'KZ-11': { column: 4, row: 2 }, // Akmola
  'KZ-71': { column: 5, row: 2 }, // Astana
  'KZ-63': { column: 7, row: 2 }, // East Kazakhstan
  'KZ-23': { column: 1, row: 3 }, // Atyrau
  'KZ-62': { column: 4, row: 3 }, // Ulytau
  'KZ-35': { column: 5, row: 3 }, // Karaganda
  'KZ-10': { column: 6, row: 3 }, // Abai
  'KZ-47': { column: 1, row: 4 }, // Mangystau
  'KZ-43': { column: 2, row: 4 }, // Kyzylorda
  'KZ-61': { column: 3, row: 4 }, // Turkistan
  'KZ-31': { column: 4, row: 4 }, // Zhambyl
  'KZ-19': { column: 5, row: 4 }, // Almaty Region
  'KZ-33': { column: 6, row: 4 }, // Jetisu
  'KZ-79': { column: 3, row: 5 }, // Shymkent
  'KZ-75': { column: 5, row: 5 }, // Almaty city
};

const BIN_COUNT = 5;

type RegionTileMapProps = {
  title: string;
  values: Record<string, number>;
  regionName(code: string): string;
  /** National users see every region, so a region left out has none; a regional user just cannot see it. */
  missingIsZero: boolean;
  /** What the values count, shown before the legend (e.g. "Cases"). */
  legendLabel: string;
};

/** Colours each region's tile by a value, with a legend; the tiles form a list readable as text. */
export function RegionTileMap({ title, values, regionName, missingIsZero, legendLabel }: RegionTileMapProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const titleId = useId();
  const max = Math.max(0, ...Object.values(values));
  // Small maxima get fewer bins, spread over the palette so the largest value is always the darkest.
  const binCount = Math.max(1, Math.min(BIN_COUNT, max));
  const step = Math.max(1, Math.ceil(max / binCount));
  const shade = (bin: number) => (bin === 0 ? 0 : Math.ceil((bin * BIN_COUNT) / binCount));
  const names = Object.keys(TILES).map((code) => regionName(code));
  const binOf = (value: number) => (value <= 0 ? 0 : shade(Math.min(binCount, Math.ceil(value / step))));

  return (
    <figure className="tile-map">
      <figcaption id={titleId}>{title}</figcaption>
      {/* On a phone the grid keeps legible tiles and scrolls sideways. */}
      <div className="tile-scroll" role="region" aria-labelledby={titleId} tabIndex={0}>
        <ul className="tile-grid" aria-labelledby={titleId}>
          {Object.entries(TILES).map(([code, place]) => {
            const value = values[code] ?? (missingIsZero ? 0 : null);
            const name = regionName(code);
            const shown = value === null ? t('map.noData') : format.number(value);
            return (
              <li
                key={code}
                className={`tile ${value === null ? 'no-data' : `bin-${binOf(value)}`}`}
                style={{ gridColumn: place.column, gridRow: place.row }}
                title={`${name}: ${shown}`}
                data-region={code}
              >
                <span className="tile-name" lang={language}>
                  {shortRegionName(name, language, names)}
                </span>
                <span className="tile-value">
                  <span className="visually-hidden">: </span>
                  {value === null ? <span className="tile-no-data">{shown}</span> : shown}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="map-legend" aria-hidden="true">
        <span>{legendLabel}</span>
        <ol>
          <li>
            <span className="swatch bin-0" /> 0
          </li>
          {Array.from({ length: binCount }, (_, index) => {
            const low = index * step + 1;
            const high = (index + 1) * step;
            if (low > max && index > 0) return null;
            return (
              <li key={index}>
                <span className={`swatch bin-${shade(index + 1)}`} />{' '}
                {low === high ? format.number(low) : `${format.number(low)}–${format.number(high)}`}
              </li>
            );
          })}
          {!missingIsZero && (
            <li>
              <span className="swatch no-data" /> {t('map.noData')}
            </li>
          )}
        </ol>
      </div>
    </figure>
  );
}
