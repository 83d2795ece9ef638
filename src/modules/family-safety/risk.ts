import type { Executor, Tx } from '../../kernel/db/database.ts';
import type { Band } from './cases.schema.ts';
import { RISK_INSTRUMENTS } from './rules.ts';
import './family-safety.tables.ts';

export type Instrument = {
  version: number;
  items: { code: string; weight: number; text: { kk: string; ru: string; en: string } }[];
  thresholds: { mediumFrom: number; highFrom: number };
  /** The region the thresholds are for, or null for the default ones. */
  thresholdRegion: string | null;
};

const RANK: Record<Band, number> = { standard: 0, medium: 1, high: 2 };
export const bandRank = (b: Band) => RANK[b];

/** Score = the sum of the weights of the items answered yes; band by the thresholds. */
export function scoreAnswers(instrument: Instrument, answers: Record<string, boolean>): { score: number; band: Band } {
  const score = instrument.items.reduce((s, i) => s + (answers[i.code] === true ? i.weight : 0), 0);
  const band: Band = score >= instrument.thresholds.highFrom ? 'high' : score >= instrument.thresholds.mediumFrom ? 'medium' : 'standard';
  return { score, band };
}

/** Loads the shipped instrument versions into their tables (idempotent; landed versions never change). */
export async function seedInstruments(tx: Tx): Promise<void> {
  for (const v of RISK_INSTRUMENTS) {
    await tx
      .insertInto('dv_risk_items')
      .values(
        v.items.map((i, n) => ({
          instrument_version: v.version,
          item_code: i.code,
          position: n + 1,
          weight: i.weight,
          text_kk: i.kk,
          text_ru: i.ru,
          text_en: i.en,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    await tx
      .insertInto('dv_risk_thresholds')
      .values(
        v.thresholds.map((t) => ({
          instrument_version: v.version,
          region_code: t.region,
          medium_from: t.mediumFrom,
          high_from: t.highFrom,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/** The newest instrument version (or the given one) with the region's thresholds or the default ones. */
export async function loadInstrument(db: Executor, regionCode: string | null, version?: number): Promise<Instrument> {
  const v =
    version ??
    Number(
      (
        await db
          .selectFrom('dv_risk_items')
          .select((eb) => eb.fn.max('instrument_version').as('v'))
          .executeTakeFirst()
      )?.v ?? 0,
    );
  const items = await db.selectFrom('dv_risk_items').selectAll().where('instrument_version', '=', v).orderBy('position').execute();
  if (items.length === 0) throw new Error(`Risk instrument version ${v} is not loaded`);
  const thresholds = await db
    .selectFrom('dv_risk_thresholds')
    .selectAll()
    .where('instrument_version', '=', v)
    .where('region_code', 'in', regionCode ? [regionCode, '*'] : ['*'])
    .execute();
  const t = thresholds.find((x) => x.region_code === regionCode) ?? thresholds.find((x) => x.region_code === '*');
  if (!t) throw new Error(`Risk instrument version ${v} has no default thresholds`);
  return {
    version: v,
    items: items.map((i) => ({ code: i.item_code, weight: i.weight, text: { kk: i.text_kk, ru: i.text_ru, en: i.text_en } })),
    thresholds: { mediumFrom: t.medium_from, highFrom: t.high_from },
    thresholdRegion: t.region_code === '*' ? null : t.region_code,
  };
}
