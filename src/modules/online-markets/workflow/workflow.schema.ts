import { z } from 'zod';
import { PageQuerySchema, RegionCodeSchema } from '../../../kernel/http/schemas.ts';

const Status = z.enum(['detected', 'in_review', 'dismissed', 'approved', 'published', 'blocked', 'reachable', 'restored']);
const Label = z.enum(['drug_ad', 'drug_recruitment', 'benign']);

export const ItemOutcomeSchema = z
  .object({
    line: z.number().int().optional(),
    id: z.string().nullable().optional(),
    outcome: z.enum(['new', 'duplicate', 'rejected']),
    submissionId: z.string().nullable(),
    resourceId: z.string().nullable(),
    kind: z.string().nullable(),
    label: Label.nullable(),
    score: z.number().nullable(),
    shopCode: z.string().nullable(),
    isMirror: z.boolean(),
    error: z.string().nullable(),
  })
  .meta({ id: 'OmIntakeOutcome' });
export const IntakeResultSchema = z.object({
  items: z.array(ItemOutcomeSchema),
  counts: z.object({ new: z.number().int(), duplicate: z.number().int(), rejected: z.number().int() }),
});

export const PasteSchema = z.strictObject({
  text: z.string().min(1).max(200_000),
  split: z.enum(['auto', 'lines', 'none']).default('auto'),
  regionCode: RegionCodeSchema.nullable().default(null),
});
export const FileSchema = z.strictObject({
  format: z.enum(['txt', 'csv', 'jsonl']),
  content: z.string().min(1).max(5_000_000),
});
export const FileQuerySchema = z.object({ format: z.enum(['txt', 'csv', 'jsonl']).optional() });

export const ReportSchema = z.strictObject({
  link: z.string().trim().max(2000).optional(),
  handle: z.string().trim().max(100).optional(),
  text: z.string().trim().max(4000).optional(),
  photo: z.strictObject({ contentType: z.enum(['image/png', 'image/jpeg']), base64: z.string().max(7_000_000) }).optional(),
  latitude: z.number().min(40).max(56).optional(),
  longitude: z.number().min(46).max(88).optional(),
  regionCode: RegionCodeSchema.optional(),
  formToken: z.string().max(200),
  /** honeypot: people never see it, bots fill it */
  website: z.string().max(500).optional(),
});
export type ReportInput = z.infer<typeof ReportSchema>;
export const ReportFormSchema = z.object({ formToken: z.string(), minFillSeconds: z.number(), maxPhotoBytes: z.number() });
export const ReportResultSchema = z.object({ accepted: z.boolean(), reference: z.string().nullable(), items: z.number().int() });

export const QueueQuerySchema = PageQuerySchema.extend({
  status: Status.optional(),
  label: Label.optional(),
  shop: z.string().max(40).optional(),
  source: z.enum(['analyst', 'citizen', 'crawler', 'partner', 'recheck']).optional(),
});

const Abilities = z.object({ take: z.boolean(), dismiss: z.boolean(), reopen: z.boolean(), approve: z.boolean(), restore: z.boolean() });
export const ResourceSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    locator: z.string(),
    telegramId: z.string().nullable(),
    title: z.string().nullable(),
    label: Label.nullable(),
    score: z.number().nullable(),
    reasons: z.array(z.string()),
    status: Status,
    shopId: z.string().nullable(),
    shopCode: z.string().nullable(),
    isMirror: z.boolean(),
    regionCode: z.string().nullable(),
    sourceCount: z.number().int(),
    firstSeenAt: z.string(),
    statusChangedAt: z.string(),
    captureError: z.string().nullable(),
    version: z.number().int(),
    can: Abilities,
  })
  .meta({ id: 'OmResource' });

const IndicatorOut = z.object({ type: z.string(), value: z.string() });
const EventOut = z.object({
  id: z.string(),
  resourceId: z.string().nullable(),
  shopId: z.string().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export const ResourceDetailSchema = ResourceSchema.extend({
  textSample: z.string().nullable(),
  indicators: z.array(IndicatorOut),
  decisions: z.array(
    z.object({
      action: z.string(),
      legalBasis: z.string(),
      decisionNumber: z.string(),
      decisionDate: z.string(),
      decisionBody: z.string(),
      reason: z.string(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    }),
  ),
  checks: z.array(
    z.object({ checkedAt: z.string(), reachable: z.boolean(), httpStatus: z.number().nullable(), error: z.string().nullable() }),
  ),
  submissions: z.array(z.object({ source: z.string(), inputKind: z.string(), regionCode: z.string().nullable(), createdAt: z.string() })),
  events: z.array(EventOut),
}).meta({ id: 'OmResourceDetail' });

export const ShopSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    status: z.string(),
    mergedInto: z.string().nullable(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
    resources: z.array(ResourceSchema),
    handles: z.array(z.string()),
    domains: z.array(z.string()),
    paymentIdentifiers: z.array(IndicatorOut),
    timeline: z.array(EventOut),
    graph: z.object({
      nodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string(), status: z.string().nullable() })),
      edges: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string() })),
    }),
  })
  .meta({ id: 'OmShop' });

const Version = z.number().int().min(1);
const Text = (max: number) => z.string().trim().min(1).max(max);
export const DecisionSchema = z.strictObject({
  legalBasis: Text(100),
  decisionNumber: Text(100),
  decisionDate: z.iso.date(),
  decisionBody: Text(300),
  reason: Text(2000),
});
export const RestoreSchema = z.strictObject({
  ground: z.enum(['content_removed', 'decision_revoked']),
  reason: Text(2000),
  decisionNumber: Text(100),
  decisionDate: z.iso.date(),
  decisionBody: Text(300),
});
export const StepSchema = z.strictObject({ version: Version, reason: z.string().trim().max(2000).optional() });
export const ApproveSchema = z.strictObject({ version: Version, decision: DecisionSchema });
export const RestoreBodySchema = z.strictObject({ version: Version, restore: RestoreSchema });
export const BulkSchema = z.strictObject({
  action: z.enum(['take', 'dismiss', 'approve']),
  items: z
    .array(z.strictObject({ id: z.uuid(), version: Version }))
    .min(1)
    .max(500),
  reason: z.string().trim().max(2000).optional(),
  decision: DecisionSchema.optional(),
});
export const BulkResultSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.string().nullable(),
      version: z.number().nullable(),
      error: z.string().nullable(),
      code: z.string().nullable(),
    }),
  ),
});

export const DashboardQuerySchema = z.object({ from: z.iso.date(), to: z.iso.date() });
const Hours = z.number().nullable();
export const DashboardSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(
      z.object({
        day: z.string(),
        found: z.number().int(),
        approved: z.number().int(),
        published: z.number().int(),
        blocked: z.number().int(),
        mirrors: z.number().int(),
        medianHoursToBlock: Hours,
        p90HoursToBlock: Hours,
      }),
    ),
    totals: z.object({
      found: z.number().int(),
      approved: z.number().int(),
      blocked: z.number().int(),
      mirrors: z.number().int(),
      medianHoursToBlock: Hours,
      p90HoursToBlock: Hours,
    }),
    byLabel: z.array(z.object({ label: z.string(), count: z.number().int() })),
    bySource: z.array(z.object({ source: z.string(), count: z.number().int() })),
    byRegion: z.array(z.object({ regionCode: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'OmDashboard' });
