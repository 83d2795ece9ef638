import { z } from 'zod';
import { RegionCodeSchema } from '../../kernel/http/schemas.ts';

export const PROVIDER_KINDS = ['fsc', 'ngo', 'psychologist', 'shelter', 'health'] as const;

export const ProviderQuerySchema = z.strictObject({
  region: RegionCodeSchema.optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  status: z.enum(['open', 'planned', 'closed']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProviderQuery = z.infer<typeof ProviderQuerySchema>;

const ProviderFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{3,40}$/),
  kind: z.enum(PROVIDER_KINDS),
  regionCode: RegionCodeSchema,
  name: z.string().trim().min(3).max(200),
  address: z.string().trim().min(3).max(300),
  phone: z.string().trim().min(5).max(30),
  services: z.array(z.string().trim().min(2).max(60)).max(20).default([]),
  capacity: z.number().int().min(0).max(100000),
  status: z.enum(['open', 'planned', 'closed']),
  opensOn: z.iso.date().nullable().default(null),
};
export const ProviderInputSchema = z.strictObject(ProviderFields);
export type ProviderInput = z.infer<typeof ProviderInputSchema>;
export const ProviderUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: ProviderFields.name.optional(),
  address: ProviderFields.address.optional(),
  phone: ProviderFields.phone.optional(),
  services: z.array(z.string().trim().min(2).max(60)).max(20).optional(),
  capacity: ProviderFields.capacity.optional(),
  status: ProviderFields.status.optional(),
  opensOn: z.iso.date().nullable().optional(),
});
export type ProviderUpdate = z.infer<typeof ProviderUpdateSchema>;

export const ProviderSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    kind: z.string(),
    regionCode: z.string(),
    name: z.string(),
    address: z.string(),
    phone: z.string(),
    services: z.array(z.string()),
    capacity: z.number().int(),
    status: z.string(),
    opensOn: z.string().nullable(),
    openReferrals: z.number().int(),
    version: z.number().int(),
    isSynthetic: z.boolean(),
  })
  .meta({ id: 'DvProvider' });

export const SchoolQuerySchema = z.strictObject({
  region: RegionCodeSchema.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const SchoolInputSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{3,40}$/),
  regionCode: RegionCodeSchema,
  name: z.string().trim().min(3).max(200),
  address: z.string().trim().min(3).max(300),
});
export type SchoolInput = z.infer<typeof SchoolInputSchema>;
export const SchoolSchema = z.object({
  id: z.string(),
  code: z.string(),
  regionCode: z.string(),
  name: z.string(),
  address: z.string(),
  isSynthetic: z.boolean(),
});

export const StaffLinkSchema = z
  .strictObject({ userId: z.uuid(), schoolId: z.uuid().optional(), providerId: z.uuid().optional() })
  .refine((v) => (v.schoolId === undefined) !== (v.providerId === undefined), {
    message: 'Give a schoolId or a providerId',
    params: { code: 'one_of_school_or_provider' },
  });
export type StaffLinkInput = z.infer<typeof StaffLinkSchema>;
