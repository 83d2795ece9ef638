import { z } from 'zod';

/** Largest network the API draws (nodes); bigger neighbourhoods are cut, largest flows kept first. */
export const MAX_NETWORK_NODES = 300;

const When = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const NetworkQuerySchema = z.strictObject({
  hops: z.coerce.number().int().min(1).max(3).default(2),
  from: When.optional(),
  to: When.optional(),
  maxNodes: z.coerce.number().int().min(1).max(MAX_NETWORK_NODES).default(MAX_NETWORK_NODES),
});
export type NetworkQuery = z.infer<typeof NetworkQuerySchema>;

export const NetworkAccountParamSchema = z.object({ account: z.string().trim().min(1).max(80) });

const AdSchema = z.object({ source: z.string(), type: z.string(), shopRef: z.string().nullable(), evidenceRef: z.string().nullable() });

export const NetworkNodeSchema = z.object({
  /** Stored key: keyed hash for card numbers (never the number), the identifier as given otherwise. */
  id: z.string(),
  /** What people see: `****1234` for cards. */
  label: z.string(),
  kind: z.enum(['card', 'other', 'cash']),
  hop: z.number().int(),
  score: z.number().nullable(),
  flag: z.boolean(),
  role: z.string().nullable(),
  alertId: z.string().nullable(),
  alertStatus: z.string().nullable(),
  isWatchlisted: z.boolean(),
  ads: z.array(AdSchema),
});
export type NetworkNode = z.infer<typeof NetworkNodeSchema>;

export const NetworkEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  amount: z.number(),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  series: z.array(z.object({ day: z.string(), amount: z.number(), count: z.number().int() })),
});
export type NetworkEdge = z.infer<typeof NetworkEdgeSchema>;

export const NetworkSchema = z
  .object({
    roots: z.array(z.string()),
    hops: z.number().int(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    truncated: z.boolean(),
    maxNodes: z.number().int(),
    nodes: z.array(NetworkNodeSchema),
    edges: z.array(NetworkEdgeSchema),
  })
  .meta({ id: 'PaymentNetwork' });
export type NetworkView = z.infer<typeof NetworkSchema>;
