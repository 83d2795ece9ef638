import { z } from 'zod';
import { NetworkSchema } from './network.schema.ts';
import { AlertSchema } from './payments.schema.ts';

export const DISPOSITIONS = ['false_positive', 'escalate', 'confirmed'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const CASE_STATUSES = ['open', 'escalated', 'closed'] as const;

const Reason = z.string().trim().min(3).max(4000);
const Uuid = z.uuid();

export const CreateCaseSchema = z.strictObject({
  title: z.string().trim().min(3).max(200),
  alertIds: z.array(Uuid).min(1).max(50),
});
export type CreateCaseInput = z.infer<typeof CreateCaseSchema>;

export const MergeAlertsSchema = z.strictObject({ version: z.number().int().min(1), alertIds: z.array(Uuid).min(1).max(50) });
export type MergeAlertsInput = z.infer<typeof MergeAlertsSchema>;

export const UpdateCaseSchema = z.strictObject({
  version: z.number().int().min(1),
  title: z.string().trim().min(3).max(200).optional(),
  assignee: z.string().trim().min(1).max(64).nullable().optional(),
  /** Close a case once its outputs went out (or reopen it). */
  status: z.enum(['open', 'closed']).optional(),
});
export type UpdateCaseInput = z.infer<typeof UpdateCaseSchema>;

export const CommentInputSchema = z.strictObject({ body: z.string().trim().min(1).max(4000) });
export const DispositionInputSchema = z.strictObject({
  version: z.number().int().min(1),
  disposition: z.enum(DISPOSITIONS),
  reason: Reason,
});
export type DispositionInput = z.infer<typeof DispositionInputSchema>;

export const CommentSchema = z
  .object({ id: z.string(), body: z.string(), author: z.string(), createdAt: z.string() })
  .meta({ id: 'PaymentComment' });
export const DispositionSchema = z
  .object({
    id: z.string(),
    alertId: z.string().nullable(),
    caseId: z.string().nullable(),
    disposition: z.enum(DISPOSITIONS),
    reason: z.string(),
    rules: z.array(z.string()),
    decidedBy: z.string(),
    decidedAt: z.string(),
  })
  .meta({ id: 'PaymentDisposition' });

export const CaseQuerySchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type CaseQuery = z.infer<typeof CaseQuerySchema>;

export const CaseSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    disposition: z.enum(DISPOSITIONS).nullable(),
    accounts: z.array(z.string()),
    assignee: z.string().nullable(),
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'PaymentCaseSummary' });

export const ReportRefSchema = z.object({ id: z.string(), kind: z.enum(['fm1', 'freeze']), createdBy: z.string(), createdAt: z.string() });

export const CaseDetailSchema = CaseSummarySchema.extend({
  alerts: z.array(AlertSchema),
  comments: z.array(CommentSchema),
  dispositions: z.array(DispositionSchema),
  reports: z.array(ReportRefSchema),
  network: NetworkSchema.nullable(),
  abilities: z.object({ canTriage: z.boolean(), canReport: z.boolean() }),
}).meta({ id: 'PaymentCase' });
export type CaseDetailView = z.infer<typeof CaseDetailSchema>;

export const AlertCommentsSchema = z.object({ items: z.array(CommentSchema), dispositions: z.array(DispositionSchema) });

export const ReportRequestSchema = z.strictObject({
  kind: z.enum(['fm1', 'freeze']),
  /** Freeze: the bank the recommendation goes to (BIC or bank code as in the transactions). */
  bank: z.string().trim().min(2).max(32).optional(),
  /** Freeze: hours until the suspension should take effect / be answered (data default when absent). */
  deadlineHours: z.number().int().min(1).max(240).optional(),
});
export type ReportRequest = z.infer<typeof ReportRequestSchema>;

export const ReportSchema = z
  .object({
    id: z.string(),
    caseId: z.string(),
    kind: z.enum(['fm1', 'freeze']),
    createdBy: z.string(),
    createdAt: z.string(),
    body: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'PaymentCaseReport' });
export type ReportView = z.infer<typeof ReportSchema>;

export const PrintableQuerySchema = z.strictObject({ format: z.enum(['html', 'csv']).default('html') });
