import type { Executor } from '../../kernel/db/database.ts';

declare module '../../kernel/db/schema.ts' {
  interface Database {
    regions: { code: string; kato: string; kind: string; name_kk: string; name_ru: string; name_en: string; admin_centre: string | null };
    legal_references: {
      code: string;
      law: string;
      article: string | null;
      wording_kk: string;
      wording_ru: string;
      wording_en: string;
      valid_from: string;
      valid_to: string | null;
    };
  }
}

export function listRegionRows(db: Executor) {
  return db.selectFrom('regions').selectAll().orderBy('kind').orderBy('name_en').execute();
}

export function listLegalRows(db: Executor, validOn: string | null) {
  let q = db.selectFrom('legal_references').selectAll().orderBy('code');
  if (validOn) q = q.where('valid_from', '<=', validOn).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', validOn)]));
  return q.execute();
}
