import { z } from 'zod';
import ruleSetV3 from '../data/rule-set.v3.json' with { type: 'json' };
import { ROLES, type Role } from './types.ts';

/** A linear ramp [lo, hi]: 0 at or below lo, 1 at or above hi. */
const Range = z.tuple([z.number().finite(), z.number().finite()]).refine(([lo, hi]) => hi > lo, { message: 'a ramp needs hi > lo' });
const Weight = z.number().finite().min(0).max(10);
const Share = z.number().finite().min(0).max(1);

/** The parameters each rule takes (strict: unknown or missing parameters are errors). */
export const RULE_PARAMS = {
  fan_in: z.strictObject({
    uniquePayers24h: Range,
    distinctPayers: Range,
    reasonMinUnique24h: z.number().min(0),
    reasonMinDistinct: z.number().min(0),
    /**
     * Optional (rule set v2): fan-in alone scores as a drop when the supporting signals are near-unanimous
     * (`inflowOnlySupport` ramps the weighted support) and some credits come at night
     * (`inflowOnlyNightShare`): a payment alias that only collects while the money leaves from another
     * account of the same person. Either absent: off.
     */
    inflowOnlySupport: Range.optional(),
    inflowOnlyNightShare: Range.optional(),
  }),
  fast_forward: z.strictObject({
    hourShare: Range,
    sixHourShare: Range,
    sixHourWeight: Share,
    reasonMinHourShare: Share,
    reasonMinSixHourShare: Share,
  }),
  pass_through: z.strictObject({
    passThrough: Range,
    timedWeight: Share,
    reasonMin: Share,
    /**
     * Optional (rule set v2): a second path to the drop score for money that passes through slowly or is
     * split among recipients, when the supporting signals (one-off payers, many banks, price band, short
     * life, night, P2P) are strong (`supportedSupport` ramps the weighted support), the money leaves within
     * a day (`supportedDayShare`) and some credits come at night (`supportedNightShare`). Any of the three
     * absent: that path is off.
     */
    supportedSupport: Range.optional(),
    supportedDayShare: Range.optional(),
    supportedNightShare: Range.optional(),
  }),
  concentration: z.strictObject({ topShare: Range, timedWeight: Share }),
  p2p_channels: z.strictObject({ p2pShare: Range, weight: Weight }),
  many_banks: z.strictObject({ payerBanks: Range, weight: Weight, reasonMin: z.number().min(0) }),
  price_amounts: z.strictObject({ priceRangeShare: Range, weight: Weight }),
  short_life: z.strictObject({ unusedLife: Range, minCredits: z.number().int().min(0), weight: Weight, reasonMin: Share }),
  night: z.strictObject({ nightShare: Range, weight: Weight, reasonMin: Share }),
  few_repeat_payers: z.strictObject({ newPayerShare: Range, weight: Weight }),
  merchant_inflow: z.strictObject({ purchaseWeight: Share, cryptoWeight: Share }),
  cashout_behaviour: z.strictObject({ cashCryptoOutShare: Range, passThrough: Range, reasonMin: Share }),
  collector: z.strictObject({
    dropSourceMin: Share,
    dropSources: Range,
    illicitShare: Range,
    passThrough: Range,
    reasonMin: Share,
    /**
     * Optional (rule set v3): a collecting alias. An unflagged account fed by flagged drops
     * (`aliasDropSenders` ramps how many, `aliasFromDropsShare` their share of its inflow) is a collector
     * even when the money leaves from another of its holder's accounts. Either absent: off.
     */
    aliasDropSenders: Range.optional(),
    aliasFromDropsShare: Range.optional(),
  }),
  cashout_flow: z.strictObject({ illicitShare: Range, cashCryptoOutShare: Range, behaviourIllicitShare: Range, reasonMin: Share }),
  shop_owner: z.strictObject({
    collectorMin: Share,
    fromCollectorsShare: Range,
    collectorCredits: Range,
    passThrough: Range,
    passThroughWeight: Share,
    reasonMin: Share,
  }),
  destination: z.strictObject({ toCollectorsShare: Range, base: Share }),
  feeder: z.strictObject({ fastToCollectorsShare: Range, distinctPayers: Range }),
  watchlist: z.strictObject({
    score: Share,
    minScoreForBoost: Share,
    boostHop1: Share,
    boostHop2: Share,
    maxHops: z.number().int().min(0).max(4),
  }),
  flagged_neighbour: z.strictObject({ neighbourShare: Range, boost: Share, minScoreForBoost: Share }),
  money_flow_rank: z.strictObject({
    minRank: z.number().min(0),
    minScore: Share,
    boost: Share,
    log10Rank: Range,
    seedMin: Share,
    /**
     * Optional (rule set v3): shared customers. An unflagged account whose person-to-person payers also
     * paid flagged drops (`sharedPayers` ramps their number, `sharedPayerShare` their share of its payers)
     * and whose own score is at least `sharedMinScore` gains up to `sharedBoost`. Any absent: off.
     */
    sharedPayers: Range.optional(),
    sharedPayerShare: Range.optional(),
    sharedMinScore: Share.optional(),
    sharedBoost: Share.optional(),
  }),
} as const;

export type RuleId = keyof typeof RULE_PARAMS;
export const RULE_IDS = Object.keys(RULE_PARAMS) as RuleId[];

/** What a rule does: own behaviour, supporting evidence, a dampener, graph structure, lists, live context. */
export const RULE_KINDS = ['behaviour', 'support', 'dampener', 'graph', 'list', 'live'] as const;

const RuleSchema = z.object({
  id: z.enum(RULE_IDS as [RuleId, ...RuleId[]]),
  description: z.string().min(1).max(500),
  kind: z.enum(RULE_KINDS),
  enabled: z.boolean(),
  /** Share of flagged accounts citing this rule that were illicit (simulator or dispositions); null = not measured. */
  measuredPrecision: z.number().min(0).max(1).nullable(),
  /** Where the precision came from, e.g. "simulator default+alt seeds 1-2, 2026-11-29". */
  measuredOn: z.string().max(200).optional(),
  params: z.record(z.string(), z.union([z.number(), z.array(z.number())])),
});

/** A versioned rule set: rules and thresholds as data (validated; every known rule exactly once). */
export const RuleSetSchema = z
  .object({
    version: z.string().min(1).max(40),
    description: z.string().max(1000).optional(),
    flagThreshold: z.number().gt(0).max(1),
    roleThresholds: z.strictObject({ drop: Share, collector: Share, cashout: Share, shop_owner: Share }),
    rules: z.array(RuleSchema),
  })
  .superRefine((rs, ctx) => {
    const seen = new Set<string>();
    rs.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule ${r.id} appears twice` });
      seen.add(r.id);
      const p = RULE_PARAMS[r.id].safeParse(r.params);
      if (!p.success)
        for (const issue of p.error.issues)
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'params', ...issue.path.map(String)], message: issue.message });
    });
    for (const id of RULE_IDS) if (!seen.has(id)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule ${id} is missing` });
  });

export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleDefinition = RuleSet['rules'][number];

/** Typed parameters of every rule, plus whether it is on. */
export type RuleParams = { [K in RuleId]: z.infer<(typeof RULE_PARAMS)[K]> & { on: boolean } };

/** A validated rule set, compiled for the engine: typed parameters and thresholds. */
export type CompiledRuleSet = {
  version: string;
  flagThreshold: number;
  roleThresholds: Record<Role, number>;
  p: RuleParams;
  source: RuleSet;
};

/** Validates a rule set (throws a ZodError naming the bad field) and compiles it for the engine. */
export function compileRuleSet(input: unknown): CompiledRuleSet {
  const rs = RuleSetSchema.parse(input);
  const p = {} as Record<RuleId, unknown>;
  for (const r of rs.rules) p[r.id] = { ...RULE_PARAMS[r.id].parse(r.params), on: r.enabled };
  const roleThresholds = {} as Record<Role, number>;
  for (const role of ROLES) roleThresholds[role] = rs.roleThresholds[role];
  return { version: rs.version, flagThreshold: rs.flagThreshold, roleThresholds, p: p as RuleParams, source: rs };
}

/** The shipped rule set (data/rule-set.v3.json; v1 and v2 are kept as previous versions). */
export const DEFAULT_RULE_SET: RuleSet = RuleSetSchema.parse(ruleSetV3);
/** The shipped rule set, compiled. */
export const DEFAULT_RULES: CompiledRuleSet = compileRuleSet(DEFAULT_RULE_SET);

/** Accepts a rule set in either form. */
export function asCompiled(rs: RuleSet | CompiledRuleSet | undefined): CompiledRuleSet {
  if (!rs) return DEFAULT_RULES;
  if ('p' in rs && 'source' in rs) return rs;
  return compileRuleSet(rs);
}
