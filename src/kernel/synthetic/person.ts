import type { Rng } from './rng.ts';
import {
  KAZAKH_FEMALE_NAMES,
  KAZAKH_MALE_NAMES,
  KAZAKH_OLDER_MALE_NAMES,
  KAZAKH_SURNAMES,
  type WeightedNames,
} from './names-kazakh.data.ts';
import { RESERVED_FULL_NAMES, RUSSIAN_FEMALE_NAMES, RUSSIAN_MALE_NAMES, RUSSIAN_SURNAMES } from './names-russian.data.ts';
import { findRegion } from './regions.ts';
import { transliterate } from './transliterate.ts';
import { randomBirthDate } from './dates.ts';

export type Gender = 'male' | 'female';
export type NameStyle = 'kazakh' | 'russian';

export type SyntheticPerson = {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  gender: Gender;
  ethnicityStyle: NameStyle;
  /** YYYY-MM-DD */
  birthDate: string;
  /** "Lastname Firstname Patronymic" (patronymic omitted when null). */
  displayName: string;
  /** Latin "Lastname Firstname", e.g. "Nurlanova Aigerim". */
  latinName: string;
};

export type SyntheticPersonOptions = {
  gender?: Gender;
  style?: NameStyle;
  /** Whole years, inclusive; default 18. */
  minAge?: number;
  /** Whole years, inclusive; default 75. */
  maxAge?: number;
  /** Reference date YYYY-MM-DD for ages; default '2026-01-01' (never the clock). */
  asOf?: string;
  /** When style is not given, picks it with this region's share of Russian-style names. */
  regionCode?: string;
  /** Explicit share (0..1) of Russian-style names when style is not given; overrides regionCode. */
  russianShare?: number;
};

/** Share of Russian-style names when neither a style, a region nor a share is given. */
export const DEFAULT_RUSSIAN_SHARE = 0.3;

const FATHER_KAZAKH: WeightedNames = [...KAZAKH_MALE_NAMES, ...KAZAKH_OLDER_MALE_NAMES];

// Irregular Russian patronymics: [masculine, feminine].
const PATRONYMIC_EXCEPTIONS: Readonly<Record<string, readonly [string, string]>> = {
  Павел: ['Павлович', 'Павловна'],
  Пётр: ['Петрович', 'Петровна'],
  Лев: ['Львович', 'Львовна'],
  Михаил: ['Михайлович', 'Михайловна'],
  Илья: ['Ильич', 'Ильинична'],
  Никита: ['Никитич', 'Никитична'],
  Дмитрий: ['Дмитриевич', 'Дмитриевна'],
  Георгий: ['Георгиевич', 'Георгиевна'],
  Яков: ['Яковлевич', 'Яковлевна'],
};

const VOWELS = new Set('аеёиоуыэюяәөүұі');
const HUSHING = new Set('жшчщц');

/**
 * Russian-form patronymic from a father's first name (Russian or Kazakh): Иван → Иванович/Ивановна,
 * Сергей → Сергеевич, Юрий → Юрьевич, Игорь → Игоревич, Серікбай → Серікбаевич, Ғали → Ғалиевич.
 */
export function russianPatronymic(fatherName: string, gender: Gender): string {
  const exception = PATRONYMIC_EXCEPTIONS[fatherName];
  if (exception) return gender === 'male' ? exception[0] : exception[1];
  const suffix = (base: string, soft: boolean): string =>
    base + (soft ? (gender === 'male' ? 'евич' : 'евна') : gender === 'male' ? 'ович' : 'овна');
  const last = fatherName.slice(-1);
  if (fatherName.endsWith('ий')) return suffix(fatherName.slice(0, -2) + 'ь', true);
  if (last === 'й' || last === 'ь') return suffix(fatherName.slice(0, -1), true);
  if (VOWELS.has(last)) return suffix(fatherName, true);
  return suffix(fatherName, HUSHING.has(last));
}

/** Kazakh patronymic: the father's name joined with ұлы (son) or қызы (daughter): "Серікұлы". */
export function kazakhPatronymic(fatherName: string, gender: Gender): string {
  return fatherName + (gender === 'male' ? 'ұлы' : 'қызы');
}

/** Feminine form of a masculine surname: -ов/-ев/-ин(+а), -ский/-цкий(→-ая); others unchanged. */
export function feminineSurname(masculine: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(masculine)) return masculine + 'а';
  if (/(ский|цкий)$/.test(masculine)) return masculine.slice(0, -2) + 'ая';
  return masculine;
}

// Built once so that generating many persons does not rebuild the table.
const KAZAKH_SURNAME_TABLE = KAZAKH_SURNAMES.map((entry) => [entry, entry[1]] as const);

function kazakhSurname(rng: Rng, gender: Gender): string {
  const [masculine, , root] = rng.weighted(KAZAKH_SURNAME_TABLE);
  if (root !== null) {
    // A minority of documents carry the surname without a Russian ending.
    const roll = rng.next();
    if (roll < 0.03) return kazakhPatronymic(root, gender);
    if (roll < 0.08) return root;
  }
  return gender === 'male' ? masculine : feminineSurname(masculine);
}

function russianShareFor(opts: SyntheticPersonOptions): number {
  if (opts.russianShare !== undefined) {
    if (!(opts.russianShare >= 0 && opts.russianShare <= 1)) {
      throw new Error(`syntheticPerson: russianShare must be within [0, 1], got ${opts.russianShare}`);
    }
    return opts.russianShare;
  }
  if (opts.regionCode !== undefined) return findRegion(opts.regionCode).russianShare;
  return DEFAULT_RUSSIAN_SHARE;
}

/**
 * An invented person: names drawn from frequency-weighted lists, patronymic from an invented father,
 * birth date uniform over the allowed ages. Kazakh-style patronymics are in Russian form (…ович/…овна,
 * the usual form in documents) 62% of the time, ұлы/қызы 33%, absent 5%; Russian-style ones are present
 * 99% of the time.
 */
export function syntheticPerson(rng: Rng, opts: SyntheticPersonOptions = {}): SyntheticPerson {
  const gender: Gender = opts.gender ?? (rng.bool() ? 'male' : 'female');
  const style: NameStyle = opts.style ?? (rng.bool(russianShareFor(opts)) ? 'russian' : 'kazakh');
  const birthDate = randomBirthDate(rng, opts.minAge ?? 18, opts.maxAge ?? 75, opts.asOf ?? '2026-01-01');

  let lastName: string;
  let firstName: string;
  let patronymic: string | null;
  if (style === 'kazakh') {
    lastName = kazakhSurname(rng, gender);
    firstName = rng.weighted(gender === 'male' ? KAZAKH_MALE_NAMES : KAZAKH_FEMALE_NAMES);
    let father = rng.weighted(FATHER_KAZAKH);
    // Kazakh sons are rarely named after their father; one redraw keeps it rare but possible.
    if (father === firstName) father = rng.weighted(FATHER_KAZAKH);
    const roll = rng.next();
    patronymic = roll < 0.62 ? russianPatronymic(father, gender) : roll < 0.95 ? kazakhPatronymic(father, gender) : null;
  } else {
    const masculine = rng.weighted(RUSSIAN_SURNAMES);
    lastName = gender === 'male' ? masculine : feminineSurname(masculine);
    firstName = rng.weighted(gender === 'male' ? RUSSIAN_MALE_NAMES : RUSSIAN_FEMALE_NAMES);
    let father = rng.weighted(RUSSIAN_MALE_NAMES);
    const isReserved = (name: string): boolean => RESERVED_FULL_NAMES.has(`${masculine} ${firstName} ${russianPatronymic(name, 'male')}`);
    for (let i = 0; i < 5 && isReserved(father); i++) father = rng.weighted(RUSSIAN_MALE_NAMES);
    patronymic = rng.bool(0.99) ? russianPatronymic(father, gender) : null;
  }

  const displayName = patronymic === null ? `${lastName} ${firstName}` : `${lastName} ${firstName} ${patronymic}`;
  return {
    lastName,
    firstName,
    patronymic,
    gender,
    ethnicityStyle: style,
    birthDate,
    displayName,
    latinName: transliterate(`${lastName} ${firstName}`),
  };
}
