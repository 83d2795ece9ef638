import type { TartipModule } from '../../kernel/module.ts';
import { referenceMigrations } from './reference.migrations.ts';
import { referenceRoutes } from './reference.routes.ts';
import { seedReferenceData } from './reference.service.ts';

export { REGIONS, regionByCode, isRegionCode, listRegions, listLegalReferences } from './reference.service.ts';
export type { Region, LegalReference } from './reference.schema.ts';

/** Regions (KATO), legal references: the shared facts other modules point to. */
export const referenceModule: TartipModule = {
  name: 'reference',
  migrations: referenceMigrations,
  policy: { permissions: { 'reference.read': { description: 'Read regions and legal references', tokenGrantable: true } } },
  routes: referenceRoutes,
  seedReference: (tx) => seedReferenceData(tx),
};
