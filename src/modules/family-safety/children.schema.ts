import { z } from 'zod';
import { LocalizedSchema } from '../../kernel/http/schemas.ts';

export const SupportEntrySchema = z.strictObject({
  kind: z.enum(['observation', 'support_plan', 'follow_up', 'outcome', 'help_request']),
  text: z.string().trim().min(3).max(8000),
  helpTarget: z.enum(['fsc', 'health']).optional(),
});
export type SupportEntryInput = z.infer<typeof SupportEntrySchema>;

export const NotificationQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ChildNotificationSchema = z
  .object({
    id: z.string(),
    child: z.object({ lastName: z.string(), firstName: z.string(), birthDate: z.string().nullable(), schoolClass: z.string().nullable() }),
    school: z.object({ id: z.string(), name: z.string() }),
    /** The whole message: the child may need support; no incident details; do not contact the parents. */
    message: LocalizedSchema,
    contactParents: z.literal(false),
    /** The case, for police who reach the notification through it; always null for schools. */
    case: z.object({ id: z.string(), code: z.string() }).nullable(),
    visibleFrom: z.string(),
    status: z.string(),
    version: z.number().int(),
    entries: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        text: z.string(),
        helpTarget: z.string().nullable(),
        createdBy: z.string(),
        createdAt: z.string(),
      }),
    ),
    abilities: z.object({ canRecord: z.boolean() }),
  })
  .meta({ id: 'DvChildNotification' });
export type ChildNotificationView = z.infer<typeof ChildNotificationSchema>;
