import type { Executor, Tx } from '../../kernel/db/database.ts';
import legalData from './data/legal-references.json' with { type: 'json' };
import regionData from './data/regions.json' with { type: 'json' };
import { listLegalRows, listRegionRows } from './reference.repository.ts';
import type { LegalReference, Region } from './reference.schema.ts';

/** The 17 regions and 3 cities with KATO codes; static data shipped with the product. */
export const REGIONS: readonly Region[] = regionData as Region[];
const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): Region | undefined {
  return BY_CODE.get(code);
}

export function isRegionCode(code: string): boolean {
  return BY_CODE.has(code);
}

export async function listRegions(db: Executor): Promise<Region[]> {
  const rows = await listRegionRows(db);
  return rows.map((r) => ({
    code: r.code,
    kato: r.kato,
    kind: r.kind as Region['kind'],
    name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
    adminCentre: r.admin_centre,
  }));
}

export async function listLegalReferences(db: Executor, validOn: string | null): Promise<LegalReference[]> {
  const rows = await listLegalRows(db, validOn);
  const day = (d: unknown) => (d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d));
  return rows.map((r) => ({
    code: r.code,
    law: r.law,
    article: r.article,
    wording: { kk: r.wording_kk, ru: r.wording_ru, en: r.wording_en },
    validFrom: day(r.valid_from) ?? '',
    validTo: day(r.valid_to),
  }));
}

/** Upserts the shipped regions and legal references (idempotent). */
export async function seedReferenceData(tx: Tx): Promise<void> {
  for (const r of REGIONS) {
    await tx
      .insertInto('regions')
      .values({
        code: r.code,
        kato: r.kato,
        kind: r.kind,
        name_kk: r.name.kk,
        name_ru: r.name.ru,
        name_en: r.name.en,
        admin_centre: r.adminCentre,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          kato: eb.ref('excluded.kato'),
          name_kk: eb.ref('excluded.name_kk'),
          name_ru: eb.ref('excluded.name_ru'),
          name_en: eb.ref('excluded.name_en'),
          admin_centre: eb.ref('excluded.admin_centre'),
        })),
      )
      .execute();
  }
  for (const l of legalData as LegalReference[]) {
    await tx
      .insertInto('legal_references')
      .values({
        code: l.code,
        law: l.law,
        article: l.article,
        wording_kk: l.wording.kk,
        wording_ru: l.wording.ru,
        wording_en: l.wording.en,
        valid_from: l.validFrom,
        valid_to: l.validTo,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}
