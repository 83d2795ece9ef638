import { z } from 'zod';
import { MAX_BANK_LENGTH, MAX_ID_LENGTH } from './engine/csv.ts';

const Id = z.string().trim().min(1).max(MAX_ID_LENGTH);

/** One transaction as banks send it (the CSV columns in camelCase). Content rules are checked per item. */
export const TxInputSchema = z
  .strictObject({
    txId: Id,
    timestamp: z.string().max(40),
    payerAccount: Id,
    payeeAccount: Id,
    amount: z.number(),
    currency: z.string().trim().min(3).max(3),
    channel: z.string().max(32),
    payerBank: z.string().trim().max(MAX_BANK_LENGTH).default(''),
    payeeBank: z.string().trim().max(MAX_BANK_LENGTH).default(''),
  })
  .meta({ id: 'PaymentTxInput' });
export type TxInput = z.infer<typeof TxInputSchema>;

export const TxBatchSchema = z.strictObject({
  source: z.string().trim().min(1).max(64).optional(),
  transactions: z.array(TxInputSchema).min(1).max(1000),
});
export type TxBatch = z.infer<typeof TxBatchSchema>;

export const TX_OUTCOMES = ['accepted', 'duplicate', 'rejected'] as const;
export const TxOutcomeSchema = z.object({ txId: z.string(), status: z.enum(TX_OUTCOMES), error: z.string().optional() });
export type TxOutcome = z.infer<typeof TxOutcomeSchema>;
export const TxBatchResultSchema = z.object({
  batchId: z.string(),
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  items: z.array(TxOutcomeSchema),
});

export const ROLE_VALUES = ['drop', 'collector', 'cashout', 'shop_owner'] as const;
export const ScoreSchema = z
  .object({
    account: z.string(),
    isKnown: z.boolean(),
    score: z.number(),
    flag: z.boolean(),
    role: z.enum(ROLE_VALUES).nullable(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'PaymentScore' });
export type ScoreView = z.infer<typeof ScoreSchema>;

export const DecisionSchema = ScoreSchema.extend({
  txId: z.string(),
  status: z.enum(TX_OUTCOMES),
  error: z.string().optional(),
  alertId: z.string().nullable(),
}).meta({ id: 'PaymentDecision' });
export type DecisionView = z.infer<typeof DecisionSchema>;

/** The process's live engine and its graph pass (operators: is it loaded, how fresh are the graph verdicts). */
export const EngineStatusSchema = z
  .object({
    ready: z.boolean(),
    ruleSetVersion: z.string(),
    replayed: z.number().int(),
    accounts: z.number().int(),
    activeWindows: z.number().int(),
    processed: z.number().int(),
    graphPass: z.object({
      intervalSeconds: z.number().nullable().describe('null: this process runs no graph pass'),
      last: z
        .object({
          at: z.string().datetime(),
          ms: z.number(),
          accounts: z.number().int(),
          reported: z.number().int(),
          flagged: z.number().int(),
        })
        .nullable(),
    }),
  })
  .meta({ id: 'PaymentsEngineStatus' });

export const AccountParamSchema = z.object({ account: z.string().trim().min(1).max(64) });

export const ALERT_STATUSES = ['open', 'assigned', 'escalated', 'false_positive', 'confirmed'] as const;
export const AlertSchema = z
  .object({
    id: z.string(),
    account: z.string(),
    /** Stored key of the account (keyed hash for cards): use it in network URLs instead of a card number. */
    accountKey: z.string(),
    score: z.number(),
    role: z.string().nullable(),
    reasons: z.array(z.string()),
    rules: z.array(z.string()),
    status: z.enum(ALERT_STATUSES),
    assignee: z.string().nullable(),
    note: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    abilities: z.object({ canTriage: z.boolean() }),
  })
  .meta({ id: 'PaymentAlert' });
export type AlertView = z.infer<typeof AlertSchema>;

export const AlertQuerySchema = z.strictObject({
  status: z.enum(ALERT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AlertQuery = z.infer<typeof AlertQuerySchema>;

export const WatchQuerySchema = z.strictObject({
  source: z.string().trim().min(1).max(120).optional(),
  type: z.enum(['card', 'phone', 'account', 'wallet']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type WatchQuery = z.infer<typeof WatchQuerySchema>;

export const TriageSchema = z.strictObject({
  version: z.number().int().min(1),
  status: z.enum(ALERT_STATUSES).optional(),
  assignee: z.string().trim().min(1).max(64).nullable().optional(),
  note: z.string().max(4000).optional(),
});
export type TriageInput = z.infer<typeof TriageSchema>;

export const WatchInputSchema = z.strictObject({
  identifier: z.string().trim().min(4).max(64),
  type: z.enum(['card', 'phone', 'account', 'wallet']),
  source: z.string().trim().min(1).max(120),
  provenance: z.string().trim().max(500).default(''),
  confidence: z.number().min(0).max(1).default(1),
  shopRef: z.string().trim().max(200).nullable().default(null),
  evidenceRef: z.string().trim().max(200).nullable().default(null),
});
export type WatchInput = z.infer<typeof WatchInputSchema>;

/** One row of a bank's KYC link feed: an account and its holder's id (stored only as keyed hashes). */
export const AccountLinkInputSchema = z.strictObject({
  account: z.string().trim().min(4).max(64),
  holder: z.string().trim().min(1).max(64),
});
export type AccountLinkInput = z.infer<typeof AccountLinkInputSchema>;

export const WatchEntrySchema = z
  .object({
    id: z.string(),
    identifier: z.string(),
    type: z.string(),
    source: z.string(),
    provenance: z.string(),
    confidence: z.number(),
    shopRef: z.string().nullable(),
    evidenceRef: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'PaymentWatchEntry' });
