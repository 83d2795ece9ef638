import type { Rng } from './rng.ts';

const DAY_MS = 86_400_000;

type YMD = { year: number; month: number; day: number };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a strict YYYY-MM-DD calendar date; throws a clear Error otherwise. */
export function parseIsoDate(text: string): YMD {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got "${text}"`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Date.UTC maps years 0–99 to 1900–1999; no real birth or reference date is that early anyway.
  if (year < 1000) throw new Error(`Year out of range in "${text}"`);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`Not a calendar date: "${text}"`);
  }
  return { year, month, day };
}

// Same calendar day `years` earlier or later; 29 February becomes the 28th in a common year.
function shiftYears(date: YMD, years: number): YMD {
  const year = date.year + years;
  return { year, month: date.month, day: Math.min(date.day, daysInMonth(year, date.month)) };
}

function toDayNumber(date: YMD): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a reference date, the way ages are counted in documents. */
export function ageOn(birthDate: string, asOf: string): number {
  const birth = parseIsoDate(birthDate);
  const ref = parseIsoDate(asOf);
  const hadBirthday = ref.month > birth.month || (ref.month === birth.month && ref.day >= birth.day);
  return ref.year - birth.year - (hadBirthday ? 0 : 1);
}

/** A birth date, uniform over the days that make the person minAge..maxAge years old on asOf. */
export function randomBirthDate(rng: Rng, minAge: number, maxAge: number, asOf: string): string {
  if (!Number.isInteger(minAge) || !Number.isInteger(maxAge) || minAge < 0 || maxAge > 130) {
    throw new Error(`Ages must be whole numbers within 0..130, got minAge ${minAge} and maxAge ${maxAge}`);
  }
  if (minAge > maxAge) throw new Error(`minAge ${minAge} is greater than maxAge ${maxAge}`);
  const ref = parseIsoDate(asOf);
  // Latest birth: exactly minAge years before asOf. Earliest: the day after (maxAge + 1) years before.
  const latest = toDayNumber(shiftYears(ref, -minAge));
  const earliest = toDayNumber(shiftYears(ref, -(maxAge + 1))) + 1;
  return fromDayNumber(rng.int(earliest, latest));
}
