import { z } from 'zod';
import { PageQuerySchema } from '../../../kernel/http/schemas.ts';
import { FEED_FORMATS } from './formats.ts';

export const FeedFormatSchema = z.enum(FEED_FORMATS);
const VersionNumber = z.coerce.number().int().min(1).max(2_000_000_000);

export const FeedQuerySchema = z.object({
  format: FeedFormatSchema.default('domains'),
  version: VersionNumber.optional(),
});
export type FeedQuery = z.infer<typeof FeedQuerySchema>;

export const DeltaFormatSchema = z.enum(['json', 'domains', 'urls']);
export const DeltaQuerySchema = z.object({
  since: z.coerce.number().int().min(0).max(2_000_000_000),
  version: VersionNumber.optional(),
  format: DeltaFormatSchema.default('json'),
});
export type DeltaQuery = z.infer<typeof DeltaQuerySchema>;

export const PublicKeyQuerySchema = z.object({ format: z.enum(['json', 'pem']).default('json') });

export const PublicKeySchema = z
  .object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKeyPem: z.string() })
  .meta({ id: 'FeedPublicKey' });

export const VersionParamSchema = z.object({ version: VersionNumber });
export const VersionsQuerySchema = PageQuerySchema;
export type VersionsQuery = z.infer<typeof VersionsQuerySchema>;

const FeedKindSchema = z.enum(['domain', 'url', 'telegram']);

export const FeedItemSchema = z
  .object({
    value: z.string(),
    kind: FeedKindSchema,
    legalBasis: z.string(),
    decisionNumber: z.string(),
    decisionDate: z.string(),
    decisionBody: z.string(),
    addedInVersion: z.number().int(),
  })
  .meta({ id: 'FeedItem' });

/** The JSON delta: apply `removed`, then `added` (a value whose decision changed is only in `added`). */
export const DeltaSchema = z
  .object({
    since: z.number().int(),
    version: z.number().int(),
    added: z.array(FeedItemSchema),
    removed: z.array(z.object({ value: z.string(), kind: FeedKindSchema })),
  })
  .meta({ id: 'FeedDelta' });
export type Delta = z.infer<typeof DeltaSchema>;

const FormatSignatureSchema = z.object({ format: z.string(), sha256: z.string(), bytes: z.number().int() });
const DecisionSummarySchema = z.object({
  change: z.enum(['added', 'removed']),
  action: z.string(),
  decidedBy: z.string(),
  decisionNumber: z.string(),
  count: z.number().int(),
});

export const FeedVersionSchema = z
  .object({
    version: z.number().int(),
    previousVersion: z.number().int().nullable(),
    createdAt: z.string(),
    entryCount: z.number().int(),
    addedCount: z.number().int(),
    removedCount: z.number().int(),
    keyId: z.string(),
    formats: z.array(FormatSignatureSchema),
    decisions: z.array(DecisionSummarySchema),
  })
  .meta({ id: 'FeedVersion' });
export type FeedVersionView = z.infer<typeof FeedVersionSchema>;

const ChangeSchema = z.object({
  resourceId: z.uuid(),
  value: z.string(),
  kind: FeedKindSchema,
  legalBasis: z.string(),
  decisionNumber: z.string(),
  decisionDate: z.string(),
  decisionBody: z.string(),
  decidedBy: z.string().nullable(),
  restore: z.object({ decisionNumber: z.string(), reason: z.string(), decidedBy: z.string() }).nullable(),
});
export type FeedChangeView = z.infer<typeof ChangeSchema>;

export const FeedVersionDetailSchema = FeedVersionSchema.extend({
  added: z.array(ChangeSchema),
  removed: z.array(ChangeSchema),
}).meta({ id: 'FeedVersionDetail' });
export type FeedVersionDetailView = z.infer<typeof FeedVersionDetailSchema>;
