import { z } from 'zod';

export const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ engine: z.enum(['pglite', 'postgres']), version: z.string() }),
  version: z.string(),
});

export const AuditQuerySchema = z.strictObject({
  actor: z.string().trim().max(100).optional(),
  action: z.string().trim().max(100).optional(),
  resourceType: z.string().trim().max(100).optional(),
  resourceId: z.string().trim().max(100).optional(),
  region: z
    .string()
    .regex(/^KZ-\d{2}$/)
    .optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ kind: z.string(), userId: z.string().nullable(), username: z.string(), tokenId: z.string().nullable() }),
    organisationCode: z.string().nullable(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string().nullable(),
    regionCode: z.string().nullable(),
    purpose: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const VerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
});

export const JobsStatusSchema = z.object({
  running: z.boolean(),
  queues: z.array(
    z.object({ name: z.string(), queued: z.number(), active: z.number(), completed: z.number(), failed: z.number(), total: z.number() }),
  ),
  recent: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.string(),
      createdOn: z.string(),
      startedOn: z.string().nullable(),
      completedOn: z.string().nullable(),
      retryCount: z.number(),
    }),
  ),
});
