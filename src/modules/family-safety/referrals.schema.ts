import { z } from 'zod';

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'first_contact', 'support_plan', 'sessions', 'closed'] as const;
export const GRANTS = ['contact', 'risk', 'narrative', 'children'] as const;

export const ReferralInputSchema = z.strictObject({
  caseId: z.uuid(),
  personId: z.uuid(),
  providerId: z.uuid(),
  reason: z.string().trim().min(5).max(2000),
  /** What the receiving organisation may see beyond the referred person's name and the reason. */
  grants: z.array(z.enum(GRANTS)).max(4).default([]),
  consent: z.strictObject({ method: z.enum(['written', 'verbal']), note: z.string().trim().max(1000).default('') }).optional(),
  consentOverride: z.strictObject({ reason: z.string().trim().max(2000).default('') }).optional(),
});
export type ReferralInput = z.infer<typeof ReferralInputSchema>;

export const SendSchema = z.strictObject({ version: z.number().int().min(1) });

export const ProgressSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('accept'), version: z.number().int().min(1) }),
  z.strictObject({ step: z.literal('reject'), version: z.number().int().min(1), reason: z.string().trim().min(5).max(2000) }),
  z.strictObject({ step: z.literal('first_contact'), version: z.number().int().min(1), note: z.string().trim().max(2000).default('') }),
  z.strictObject({ step: z.literal('support_plan'), version: z.number().int().min(1), plan: z.string().trim().min(5).max(8000) }),
  z.strictObject({ step: z.literal('session'), version: z.number().int().min(1), note: z.string().trim().max(4000).default('') }),
  z.strictObject({
    step: z.literal('close'),
    version: z.number().int().min(1),
    report: z.string().trim().min(5).max(8000),
    outcome: z.enum(['goals_met', 'partly_met', 'disengaged', 'moved', 'other']),
  }),
]);
export type ProgressInput = z.infer<typeof ProgressSchema>;

export const ReferralQuerySchema = z.strictObject({
  overdue: z.enum(['true', 'false']).optional(),
  status: z.enum(REFERRAL_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReferralQuery = z.infer<typeof ReferralQuerySchema>;

export const ReferralSchema = z
  .object({
    id: z.string(),
    caseId: z.string().nullable(),
    caseCode: z.string(),
    regionCode: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    /** 'full' for the sending side; 'granted' for the receiving organisation (only what the referral grants). */
    view: z.enum(['full', 'granted']),
    provider: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    person: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), address: z.string().nullable() }),
    reason: z.string(),
    grants: z.array(z.string()),
    consent: z.enum(['given', 'override']),
    consentNote: z.string().nullable(),
    riskBand: z.string().nullable(),
    narrative: z.array(z.string()).nullable(),
    children: z.array(z.object({ name: z.string(), birthDate: z.string().nullable() })).nullable(),
    rejectReason: z.string().nullable(),
    supportPlan: z.string().nullable(),
    sessionCount: z.number().int(),
    closingReport: z.string().nullable(),
    outcome: z.string().nullable(),
    dueAt: z.string().nullable(),
    isOverdue: z.boolean(),
    sentAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'DvReferral' });
export type ReferralView = z.infer<typeof ReferralSchema>;
