import { z } from 'zod';
import { LocalizedSchema, RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const RegionSchema = z
  .object({
    code: RegionCodeSchema,
    kato: z.string(),
    kind: z.enum(['city', 'region']),
    name: LocalizedSchema,
    adminCentre: z.string().nullable(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof RegionSchema>;

export const LegalReferenceSchema = z
  .object({
    code: z.string(),
    law: z.string(),
    article: z.string().nullable(),
    wording: LocalizedSchema,
    validFrom: z.string(),
    validTo: z.string().nullable(),
  })
  .meta({ id: 'LegalReference' });
export type LegalReference = z.infer<typeof LegalReferenceSchema>;

export const LegalQuerySchema = z.strictObject({ validOn: z.iso.date().optional() });
