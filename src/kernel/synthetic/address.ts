import type { Rng } from './rng.ts';
import { findRegion, SYNTHETIC_REGION_CODES, type LocalitySeed, type RegionLocality } from './regions.ts';

export type SyntheticAddress = {
  /** ISO code of the region, KZ-xx. */
  regionCode: string;
  /** Real locality of that region (Russian name), one of regionLocalities(regionCode). */
  locality: string;
  /** District of a town or village, or the city district of Astana, Almaty and Shymkent. */
  district: string | null;
  street: string;
  house: string;
  apartment: string | null;
  /** Six digits; the first four follow the region's postal pattern. */
  postalCode: string;
  /** One line in Russian, e.g. "г. Караганда, ул. Абая, д. 12, кв. 5". */
  text: string;
};

type Weighted = readonly (readonly [string, number])[];

// Neutral street names common across Kazakhstan (streets named after living politicians are avoided).
const CITY_STREETS: Weighted = [
  ['ул. Абая', 6],
  ['ул. Толе би', 4],
  ['ул. Жибек жолы', 3],
  ['ул. Сатпаева', 4],
  ['ул. Мира', 4],
  ['ул. Ленина', 2],
  ['ул. Бейбитшилик', 3],
  ['ул. Достык', 4],
  ['ул. Кунаева', 3],
  ['ул. Байтурсынова', 3],
  ['пр. Республики', 3],
  ['ул. Пушкина', 3],
  ['ул. Гоголя', 2],
  ['пр. Абылай хана', 3],
  ['ул. Жамбыла', 3],
  ['ул. Махамбета', 2],
  ['ул. Желтоксан', 2],
  ['ул. Наурыз', 2],
  ['ул. Сейфуллина', 3],
  ['ул. Ауэзова', 3],
  ['ул. Валиханова', 3],
  ['ул. Чехова', 2],
  ['ул. Ломоносова', 2],
  ['ул. Гагарина', 3],
  ['ул. Казыбек би', 2],
  ['ул. Айтеке би', 2],
  ['ул. Момышулы', 2],
  ['ул. Тауелсиздик', 2],
  ['ул. Победы', 2],
  ['ул. Строителей', 2],
  ['ул. Набережная', 2],
  ['ул. Вокзальная', 1],
  ['ул. Торайгырова', 2],
  ['ул. Шевченко', 2],
  ['ул. Бухар жырау', 2],
  ['ул. Алтынсарина', 2],
  ['ул. Жансугурова', 1],
  ['ул. Есенберлина', 1],
  ['ул. Маметовой', 1],
  ['ул. Акан серэ', 1],
  ['пер. Тихий', 1],
  ['пер. Школьный', 1],
];

const VILLAGE_STREETS: Weighted = [
  ['ул. Центральная', 6],
  ['ул. Школьная', 5],
  ['ул. Садовая', 4],
  ['ул. Молодёжная', 4],
  ['ул. Степная', 3],
  ['ул. Набережная', 2],
  ['ул. Абая', 4],
  ['ул. Бейбитшилик', 3],
  ['ул. Достык', 3],
  ['ул. Жастар', 2],
  ['ул. Мектеп', 2],
  ['ул. Мира', 3],
  ['ул. Победы', 2],
  ['ул. Новая', 2],
  ['ул. Лесная', 1],
  ['ул. Озёрная', 1],
  ['ул. Луговая', 2],
  ['ул. Тауелсиздик', 2],
  ['ул. Наурыз', 2],
  ['ул. Жибек жолы', 1],
];

const NAMED_MICRODISTRICTS = ['Самал', 'Восток', 'Жастар', 'Кайнар', 'Северный', 'Юго-Восток', 'Айнабулак'];

// Village-name parts for syntheticVillageName (Russian spelling of common Kazakh toponym pieces).
const KAZAKH_PREFIXES = [
  'Ак',
  'Кара',
  'Сары',
  'Кок',
  'Кызыл',
  'Жана',
  'Бес',
  'Талды',
  'Шолак',
  'Уш',
  'Жалпак',
  'Кум',
  'Тас',
  'Алты',
  'Ески',
];
const KAZAKH_SUFFIXES = [
  'су',
  'булак',
  'кудук',
  'тобе',
  'агаш',
  'коль',
  'арык',
  'жар',
  'адыр',
  'тау',
  'кайын',
  'шокы',
  'озек',
  'талап',
  'терек',
  'сай',
  'кайнар',
];
const RUSSIAN_VILLAGES = [
  'Заречное',
  'Степное',
  'Луговое',
  'Новопокровка',
  'Берёзовка',
  'Калиновка',
  'Озёрное',
  'Раздольное',
  'Приречное',
  'Садовое',
  'Светлое',
  'Полтавка',
  'Михайловка',
  'Николаевка',
  'Петровка',
  'Андреевка',
  'Вишнёвка',
  'Семёновка',
  'Камышенка',
  'Подгорное',
  'Зелёный Гай',
  'Весёлое',
  'Ольгинка',
  'Каменка',
];

const LISTED_LOCALITY_NAMES: ReadonlySet<string> = new Set(
  SYNTHETIC_REGION_CODES.flatMap((code) => findRegion(code).publicLocalities.map((locality) => locality.name)),
);

function localityWeight([, kind]: LocalitySeed, index: number): number {
  if (index === 0) return 30; // administrative centre
  return kind === 'city' ? 8 : kind === 'town' ? 4 : 2;
}

/** Real localities of a region: the administrative centre first, then cities, towns and villages. */
export function regionLocalities(regionCode: string): readonly RegionLocality[] {
  return findRegion(regionCode).publicLocalities;
}

function houseNumber(rng: Rng, max: number): string {
  const base = String(rng.int(1, max));
  const roll = rng.next();
  if (roll < 0.06) return base + rng.pick(['а', 'б', 'в']);
  if (roll < 0.09) return `${base}/${rng.int(1, 4)}`;
  return base;
}

/** A plausible address in a real locality of the region; street, house and flat are invented. */
export function syntheticAddress(rng: Rng, regionCode: string): SyntheticAddress {
  const region = findRegion(regionCode);
  const index = rng.weighted(region.localities.map((seed, i) => [i, localityWeight(seed, i)] as const));
  const [locality, kind, localityDistrict, postalPrefix] = region.localities[index] as LocalitySeed;
  const isRepublicCity = region.addressLabel === null;
  const district = isRepublicCity ? rng.pick(region.cityDistricts) : localityDistrict;

  let street: string;
  let house: string;
  let apartment: string | null = null;
  if (kind === 'village') {
    street = rng.weighted(VILLAGE_STREETS);
    house = houseNumber(rng, 90);
    if (rng.bool(0.05)) apartment = String(rng.int(1, 16));
  } else if (kind === 'city' && rng.bool(0.15)) {
    street = rng.bool(0.6) ? `мкр. ${rng.int(1, 14)}` : `мкр. ${rng.pick(NAMED_MICRODISTRICTS)}`;
    house = String(rng.int(1, 60));
    apartment = String(rng.int(1, 180));
  } else {
    street = rng.weighted(CITY_STREETS);
    house = houseNumber(rng, kind === 'city' ? 180 : 120);
    if (rng.bool(kind === 'city' ? 0.72 : 0.45)) apartment = String(rng.int(1, kind === 'city' ? 220 : 80));
  }
  const postalCode = postalPrefix + String(rng.int(0, kind === 'village' ? 9 : 49)).padStart(2, '0');

  const parts: string[] = [];
  if (!isRepublicCity && index !== 0 && region.addressLabel !== null) parts.push(region.addressLabel);
  if (!isRepublicCity && district !== null) parts.push(district);
  parts.push(`${kind === 'village' ? 'с.' : 'г.'} ${locality}`);
  if (isRepublicCity && district !== null) parts.push(district);
  parts.push(street, `д. ${house}`);
  if (apartment !== null) parts.push(`кв. ${apartment}`);

  return {
    regionCode: region.code,
    locality,
    district,
    street,
    house,
    apartment,
    postalCode,
    text: parts.join(', '),
  };
}

/**
 * An invented village name (built from common toponym pieces, so it may coincide with a real one)
 * in a real district of the region; for the republic cities the district is a city district.
 * Northern regions get Russian-style names more often, in proportion to their Russian-name share.
 */
export function syntheticVillageName(rng: Rng, regionCode: string): { name: string; district: string } {
  const region = findRegion(regionCode);
  let name = '';
  // Redraw names that equal a locality listed by regionLocalities (e.g. "Ак" + "тау" = Актау).
  for (let attempt = 0; attempt < 8 && (name === '' || LISTED_LOCALITY_NAMES.has(name)); attempt++) {
    name = rng.bool(region.russianShare) ? rng.pick(RUSSIAN_VILLAGES) : rng.pick(KAZAKH_PREFIXES) + rng.pick(KAZAKH_SUFFIXES);
  }
  return { name, district: rng.pick(region.districts) };
}
