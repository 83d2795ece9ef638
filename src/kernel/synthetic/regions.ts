import { SOUTH_WEST_REGIONS } from './regions-south-west.data.ts';
import { NORTH_EAST_REGIONS } from './regions-north-east.data.ts';

export type LocalityKind = 'city' | 'town' | 'village';

/** [Russian name, kind, district (null for cities of republic or regional significance), postal prefix]. */
export type LocalitySeed = readonly [name: string, kind: LocalityKind, district: string | null, postal: string];

export type RegionSeed = {
  /** ISO 3166-2:KZ code, e.g. "KZ-35". */
  code: string;
  /** Russian name as used in addresses ("Карагандинская обл."); null for the three republic cities. */
  addressLabel: string | null;
  /** Share of people with Russian-style names (approximate, from the 2021 census ethnic mix). */
  russianShare: number;
  /** Districts of the three republic cities; empty for regions. */
  cityDistricts: readonly string[];
  /** The administrative centre comes first. Postal prefixes are the first 4 of 6 digits. */
  localities: readonly LocalitySeed[];
};

export type RegionLocality = { name: string; kind: LocalityKind; district: string | null };

export type Region = RegionSeed & {
  publicLocalities: readonly RegionLocality[];
  /** Rural districts of a region, or the city districts of a republic city. */
  districts: readonly string[];
};

function build(seed: RegionSeed): Region {
  const publicLocalities = Object.freeze(seed.localities.map(([name, kind, district]) => Object.freeze({ name, kind, district })));
  const districts =
    seed.cityDistricts.length > 0
      ? seed.cityDistricts
      : [...new Set(seed.localities.flatMap(([, , district]) => (district === null ? [] : [district])))];
  return { ...seed, publicLocalities, districts: Object.freeze(districts) };
}

const REGIONS: ReadonlyMap<string, Region> = new Map(
  [...SOUTH_WEST_REGIONS, ...NORTH_EAST_REGIONS].map((seed) => [seed.code, build(seed)]),
);

/** The 20 ISO codes (17 regions and the cities of Astana, Almaty and Shymkent), sorted. */
export const SYNTHETIC_REGION_CODES: readonly string[] = Object.freeze([...REGIONS.keys()].sort());

/** The region's data; throws a clear Error for a code that is not one of the 20. */
export function findRegion(regionCode: string): Region {
  const region = REGIONS.get(regionCode);
  if (!region) {
    throw new Error(`Unknown region code "${regionCode}"; expected one of ${SYNTHETIC_REGION_CODES.join(', ')}`);
  }
  return region;
}
