import calendarData from './data/calendar.json' with { type: 'json' };
import riskData from './data/risk-instrument.json' with { type: 'json' };
import rulesData from './data/rules.json' with { type: 'json' };

/** Deadlines, durations, thresholds and retention of the module: data from data/rules.json. */
export const RULES = rulesData;
export type TaskKind = keyof typeof rulesData.taskDeadlines;
export type ReferralStepWithDeadline = keyof typeof rulesData.referralSteps;

/** The school calendar: public and school holidays (data/calendar.json). */
export const CALENDAR = calendarData;

export type RiskItem = { code: string; weight: number; en: string; ru: string; kk: string };
export type RiskThreshold = { region: string; mediumFrom: number; highFrom: number };
export type RiskInstrument = { version: number; thresholds: RiskThreshold[]; items: RiskItem[] };

/** Every shipped version of the risk questionnaire (data/risk-instrument.json). */
export const RISK_INSTRUMENTS: readonly RiskInstrument[] = riskData.versions;

const HOUR_MS = 3_600_000;

/** When a task of this kind falls due, counted from `from`. */
export function taskDueAt(kind: TaskKind, from: Date): Date {
  return new Date(from.getTime() + RULES.taskDeadlines[kind].hours * HOUR_MS);
}

/** When the current referral step is overdue, or null for steps without a deadline. */
export function referralDueAt(status: string, from: Date): Date | null {
  const step = (RULES.referralSteps as Record<string, { days: number } | undefined>)[status];
  return step ? new Date(from.getTime() + step.days * 24 * HOUR_MS) : null;
}
