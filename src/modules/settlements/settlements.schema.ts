import { z } from 'zod';
import { RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const SETTLEMENT_STATUSES = ['candidate', 'pledged', 'certified', 'suspended'] as const;
export const StatusSchema = z.enum(SETTLEMENT_STATUSES);

export const SettlementSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    regionCode: z.string(),
    district: z.string(),
    status: StatusSchema,
    population: z.number().int(),
    activists: z.number().int(),
    joinedOn: z.string(),
    version: z.number().int(),
    isSynthetic: z.boolean(),
    abilities: z.object({ canEdit: z.boolean() }),
  })
  .meta({ id: 'Settlement' });
export type SettlementView = z.infer<typeof SettlementSchema>;

export const SettlementDetailSchema = SettlementSchema.extend({
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdBy: z.string(),
}).meta({ id: 'SettlementDetail' });
export type SettlementDetail = z.infer<typeof SettlementDetailSchema>;

export const SettlementQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  region: RegionCodeSchema.optional(),
  status: StatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SettlementQuery = z.infer<typeof SettlementQuerySchema>;

const today = () => new Date().toISOString().slice(0, 10);

/** Shared by API and web form: the limits people see are the limits the server enforces. */
export const SettlementFieldsSchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  regionCode: RegionCodeSchema,
  district: z.string().trim().min(2).max(120),
  status: StatusSchema,
  population: z.number().int().min(1).max(1_000_000),
  activists: z.number().int().min(0).max(100_000),
  joinedOn: z.iso.date().refine((d) => d >= '2015-01-01' && d <= today(), {
    message: 'Date must be between 2015-01-01 and today',
    params: { code: 'date_out_of_range' },
  }),
  notes: z.string().max(4000).default(''),
});
export const CreateSettlementSchema = SettlementFieldsSchema.refine((v) => v.activists <= v.population, {
  path: ['activists'],
  message: 'More activists than inhabitants',
  params: { code: 'activists_exceed_population' },
});
export type CreateSettlementInput = z.infer<typeof CreateSettlementSchema>;

export const UpdateSettlementSchema = SettlementFieldsSchema.partial().extend({ version: z.number().int().min(1) });
export type UpdateSettlementInput = z.infer<typeof UpdateSettlementSchema>;

export const StatsSchema = z.object({
  byRegion: z.array(
    z.object({
      regionCode: z.string(),
      candidate: z.number(),
      pledged: z.number(),
      certified: z.number(),
      suspended: z.number(),
      total: z.number(),
      population: z.number(),
    }),
  ),
  totals: z.object({ settlements: z.number(), population: z.number(), activists: z.number() }),
});
