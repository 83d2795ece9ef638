import { z } from 'zod';
import { RegionCodeSchema } from '../../kernel/http/schemas.ts';
import { BandSchema, ParamsSchema, PastDateTimeSchema } from './cases.schema.ts';

export const AssessmentInputSchema = z.strictObject({
  answers: z.record(z.string().regex(/^[a-z_]{1,40}$/), z.boolean()),
  override: z.strictObject({ band: BandSchema, reason: z.string().trim().min(10).max(2000) }).optional(),
});
export type AssessmentInput = z.infer<typeof AssessmentInputSchema>;

export const OverrideDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'reject']),
  note: z.string().trim().max(2000).default(''),
});

export const InstrumentSchema = z.object({
  version: z.number().int(),
  regionCode: z.string().nullable(),
  thresholds: z.object({ mediumFrom: z.number().int(), highFrom: z.number().int() }),
  items: z.array(
    z.object({ code: z.string(), weight: z.number().int(), text: z.object({ kk: z.string(), ru: z.string(), en: z.string() }) }),
  ),
});
export const InstrumentQuerySchema = z.strictObject({ region: RegionCodeSchema.optional() });

export const AssessmentResultSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  instrumentVersion: z.number().int(),
  score: z.number().int(),
  computedBand: BandSchema,
  band: BandSchema,
  overrideStatus: z.string(),
  overrideBand: BandSchema.nullable(),
  caseRiskBand: BandSchema.nullable(),
  caseEscalation: z.string(),
});

export const CONDITIONS = ['no_contact', 'no_alcohol', 'no_cohabitation'] as const;

export const MeasureInputSchema = z.strictObject({
  kind: z.enum(['protective_order', 'special_requirements']),
  subjectPersonId: z.uuid(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date().optional(),
  conditions: z.array(z.enum(CONDITIONS)).max(3).default([]),
  checkinsPerMonth: z.number().int().min(0).max(4).default(0),
});
export type MeasureInput = z.infer<typeof MeasureInputSchema>;

export const MeasureEventSchema = z.strictObject({
  kind: z.enum(['checkin', 'missed_checkin', 'breach']),
  occurredAt: PastDateTimeSchema,
  note: z.string().trim().max(4000).default(''),
});

export const MeasureSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.string(),
  subjectPersonId: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  conditions: z.array(z.string()),
  checkinsPerMonth: z.number().int(),
  status: z.string(),
  breachCount: z.number().int(),
});

export const TaskQuerySchema = z.strictObject({
  overdue: z.enum(['true', 'false']).optional(),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const TaskSchema = z.object({
  id: z.string(),
  caseId: z.string().nullable(),
  caseCode: z.string().nullable(),
  regionCode: z.string(),
  kind: z.string(),
  title: z.string(),
  params: ParamsSchema,
  dueAt: z.string(),
  status: z.string(),
  isOverdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});

export const MeetingInputSchema = z.strictObject({
  regionCode: RegionCodeSchema,
  scheduledAt: z.iso.datetime({ offset: true }),
  agenda: z.string().trim().max(4000).default(''),
  caseIds: z.array(z.uuid()).min(1).max(50),
  participants: z
    .array(
      z.strictObject({
        agency: z.enum(['police', 'fsc', 'health', 'education', 'ngo', 'akimat', 'prosecutor', 'other']),
        name: z.string().trim().min(2).max(120),
      }),
    )
    .min(2)
    .max(40),
});
export const MeetingActionInputSchema = z.strictObject({
  caseId: z.uuid().nullable().default(null),
  description: z.string().trim().min(3).max(2000),
  ownerAgency: z.string().trim().min(2).max(60),
  ownerName: z.string().trim().min(2).max(120),
  dueOn: z.iso.date(),
});
export const MeetingUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(['planned', 'held', 'cancelled']).optional(),
  minutes: z.string().trim().max(20000).optional(),
});
export const ActionFollowUpSchema = z.strictObject({
  status: z.enum(['open', 'done', 'dropped']),
  followUp: z.string().trim().min(1).max(4000),
});
export const MeetingQuerySchema = z.strictObject({
  region: RegionCodeSchema.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const MeetingSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  scheduledAt: z.string(),
  status: z.string(),
  agenda: z.string(),
  participants: z.array(z.object({ agency: z.string(), name: z.string() })),
  minutes: z.string().nullable(),
  version: z.number().int(),
  cases: z.array(z.object({ id: z.string(), code: z.string(), riskBand: z.string().nullable() })),
  actions: z.array(
    z.object({
      id: z.string(),
      caseId: z.string().nullable(),
      description: z.string(),
      ownerAgency: z.string(),
      ownerName: z.string(),
      dueOn: z.string(),
      status: z.string(),
      followUp: z.string().nullable(),
      isOverdue: z.boolean(),
    }),
  ),
});
