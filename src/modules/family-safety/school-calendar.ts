import { CALENDAR } from './rules.ts';

/** The calendar the next-school-day rule uses; tests can pass their own. */
export type SchoolCalendar = {
  utcOffsetHours: number;
  /** HH:MM local time at which the school day starts. */
  schoolDayStart: string;
  /** Days of the week (0 = Sunday) without school. */
  weekend: readonly number[];
  publicHolidays: readonly string[];
  schoolHolidays: readonly { from: string; to: string }[];
};

const DAY_MS = 86_400_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** True when the local calendar date (YYYY-MM-DD) is a school day. */
export function isSchoolDay(date: string, cal: SchoolCalendar = CALENDAR): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (cal.weekend.includes(weekday)) return false;
  if (cal.publicHolidays.includes(date)) return false;
  return !cal.schoolHolidays.some((h) => date >= h.from && date <= h.to);
}

/**
 * The instant by which a school must see a notification about a child who witnessed violence: the
 * start (08:00 local, Kazakhstan is UTC+5) of the next school day after `recordedAt`, or the same
 * day when it is recorded on a school day before the start. Weekends, public holidays and school
 * holidays are skipped.
 */
export function nextSchoolDayStart(recordedAt: Date, cal: SchoolCalendar = CALENDAR): Date {
  const [hh, mm] = cal.schoolDayStart.split(':').map(Number);
  const offsetMs = cal.utcOffsetHours * 3_600_000;
  const startMs = ((hh ?? 8) * 60 + (mm ?? 0)) * 60_000;
  const local = recordedAt.getTime() + offsetMs;
  const localMidnight = Math.floor(local / DAY_MS) * DAY_MS;
  let day = local - localMidnight < startMs ? localMidnight : localMidnight + DAY_MS;
  for (let i = 0; i < 400 && !isSchoolDay(isoDay(day), cal); i++) day += DAY_MS;
  return new Date(day + startMs - offsetMs);
}
