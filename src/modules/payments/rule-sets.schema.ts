import { z } from 'zod';

export const VersionParamSchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });

/** A new rule-set version: the edited body (checked against the engine's RuleSetSchema) and a note. */
export const RuleSetInputSchema = z.strictObject({
  body: z.record(z.string(), z.unknown()),
  note: z.string().trim().max(2000).default(''),
});
export type RuleSetInput = z.infer<typeof RuleSetInputSchema>;

export const RuleSetSummarySchema = z
  .object({
    version: z.number().int(),
    note: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    isActive: z.boolean(),
    activatedBy: z.string().nullable(),
    activatedAt: z.string().nullable(),
  })
  .meta({ id: 'PaymentRuleSetSummary' });

export const RuleSetDetailSchema = RuleSetSummarySchema.extend({ body: z.record(z.string(), z.unknown()) }).meta({ id: 'PaymentRuleSet' });

const Counts = z.object({ confirmed: z.number().int(), escalate: z.number().int(), false_positive: z.number().int() });

export const RuleOverviewSchema = z
  .object({
    version: z.number().int(),
    ruleSetVersion: z.string(),
    flagThreshold: z.number(),
    roleThresholds: z.record(z.string(), z.number()),
    rules: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        kind: z.string(),
        enabled: z.boolean(),
        params: z.record(z.string(), z.unknown()),
        simulatorPrecision: z.number().nullable(),
        measuredOn: z.string().nullable(),
        livePrecision: z.number().nullable(),
        dispositions: Counts,
      }),
    ),
  })
  .meta({ id: 'PaymentRuleOverview' });
export type RuleOverview = z.infer<typeof RuleOverviewSchema>;
